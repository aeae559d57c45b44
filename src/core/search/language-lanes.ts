/**
 * Which index worker analyses a document: the one its language is kept on. A worker analyses
 * a word once and then finds it in its word caches (languages.ts); with batches dealt out in
 * turn, every worker met every language and paid for each language's vocabulary again (the
 * Snowball stemmers, Unicode normalisation, interning). Kept apart by language, each worker
 * learns about half the vocabulary and its segments hold fewer distinct terms, which makes
 * their merges cheaper too. Measured on 10,000 testimonies of the bench corpus, one thread per
 * half: 4.3 + 4.5 s of CPU against 5.3 + 5.6 s for batches dealt in turn (docs/search.md).
 *
 * The cores must stay equally busy: a language goes to the lane with the least text so far
 * when first met, and moves to the lightest lane when its own lane is ahead by more than
 * REBALANCE_CHARS (its words are then learnt once more there). Documents whose language is
 * still to be guessed (LANG_TO_GUESS) fill the lightest lane.
 */
import { baseLanguage } from '../../shared/search/languages';
import { LANG_TO_GUESS } from './doc-language';

/**
 * How far (in characters of text) a lane may get ahead of the lightest before its language
 * moves: about a batch (BATCH_TEXT_CHARS), so a move is rare and the cores stay within a batch
 * of each other.
 */
export const REBALANCE_CHARS = 4_000_000;

export class LanguageLanes {
  readonly #load: number[];
  readonly #laneOf = new Map<string, number>();

  constructor(
    readonly count: number,
    private readonly rebalanceChars = REBALANCE_CHARS,
  ) {
    this.#load = Array.from({ length: Math.max(1, count) }, () => 0);
  }

  /** The lane of a document in language `lang` with `chars` characters of text. */
  take(lang: string | undefined, chars: number): number {
    const lightest = this.#lightest();
    let lane = lightest;
    if (lang !== LANG_TO_GUESS) {
      const key = baseLanguage(lang);
      const kept = this.#laneOf.get(key);
      if (kept !== undefined && this.#load[kept]! - this.#load[lightest]! <= this.rebalanceChars) {
        lane = kept;
      } else {
        this.#laneOf.set(key, lightest);
      }
    }
    this.#load[lane]! += chars;
    return lane;
  }

  /** Characters of text given to each lane so far. */
  loads(): readonly number[] {
    return this.#load;
  }

  #lightest(): number {
    let best = 0;
    for (let i = 1; i < this.#load.length; i++) if (this.#load[i]! < this.#load[best]!) best = i;
    return best;
  }
}
