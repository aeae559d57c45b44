import type { CustodyAction, CustodyDetail, CustodyFact } from '../../shared/custody/types';
import { VocabularyInvalidError } from '../../shared/errors';
import { type Concept, mergeVocabulary, validateVocabulary } from '../../shared/vocabulary/concept';
import { findConcept } from '../../shared/vocabulary/match';
import { associatedData } from '../crypto/associated-data';
import { sha256Hex } from '../custody/entry-codec';
import { openJson, sealJson } from '../records/codec';
import type { VaultScope } from '../storage/scope';
import { readVocabularyRow, writeVocabularyRow } from '../storage/tables/vocabulary';
import { serializeVocabulary } from './file-formats';

/** What the one sealed row of the vocabulary table holds. */
interface VocabularyPayload {
  v: 1;
  concepts: Concept[];
}

/**
 * The vault's shared vocabulary (docs/vocabulary.md): the whole list of concepts sealed in one
 * row (docs/crypto.md, "The vocabulary"), so names are never in clear, the number of concepts
 * shows only through the padded size, and every change (an edit, an import) replaces the list
 * at once after checking the result as a whole. Every change is an action on the vault: its
 * custody entry (docs/custody.md) is written in the same transaction as the new list.
 */
export class VocabularyStore {
  constructor(
    private readonly scope: VaultScope,
    private readonly note: (fact: CustodyFact) => void,
  ) {}

  list(): Concept[] {
    const sealed = readVocabularyRow(this.scope.db);
    if (!sealed) return [];
    return openJson<VocabularyPayload>(
      this.scope.keys.key('vocabulary'),
      sealed,
      this.#ad(),
      'the vocabulary',
    ).concepts;
  }

  /** The concept with this id, or the one concept with this name in any language. */
  find(idOrName: string): Concept {
    return findConcept(this.list(), idOrName);
  }

  /**
   * Adds a concept, or replaces the one with its id; the whole list is checked first. With
   * `mustBeNew` (the app's "Add a concept") an id already taken is refused (`duplicateId`)
   * instead of replacing that concept.
   */
  put(concept: unknown, options: { mustBeNew?: boolean } = {}): Concept {
    const [checked] = validateVocabulary([concept]);
    const existing = this.list();
    const key = checked!.id.toLowerCase();
    const replacing = existing.some((c) => c.id.toLowerCase() === key);
    if (replacing && options.mustBeNew) throw new VocabularyInvalidError('duplicateId');
    const { concepts } = mergeVocabulary(existing, [checked!]);
    this.#write(concepts, replacing ? 'vocabulary.concept.edited' : 'vocabulary.concept.added');
    return concepts.find((c) => c.id.toLowerCase() === key)!;
  }

  remove(id: string): void {
    const concepts = this.list();
    const kept = concepts.filter((c) => c.id !== id);
    if (kept.length === concepts.length) throw new VocabularyInvalidError('notFound');
    this.#write(kept, 'vocabulary.concept.removed');
  }

  /**
   * Takes the concepts of an imported file: same ids replace, new ids are added, the rest stays.
   * Checked as a whole before anything is written.
   */
  merge(
    incoming: readonly Concept[],
    source: { sha256?: string } = {},
  ): { added: number; replaced: number; total: number } {
    const { concepts, added, replaced } = mergeVocabulary(this.list(), incoming);
    this.#write(concepts, 'vocabulary.imported', {
      added,
      replaced,
      ...(source.sha256 ? { file: source.sha256 } : {}),
    });
    return { added, replaced, total: concepts.length };
  }

  /**
   * Seals the new list and logs the change in one transaction. The entry names no concept
   * (ids and names can say what the organisation documents): only the count and the SHA-256
   * of the whole vocabulary as its JSON export writes it, so an exported file can be matched
   * against the log.
   */
  #write(concepts: Concept[], action: CustodyAction, detail: CustodyDetail = {}): void {
    const payload: VocabularyPayload = { v: 1, concepts };
    const sealed = sealJson(this.scope.keys.key('vocabulary'), payload, this.#ad());
    const digest = sha256Hex(Buffer.from(serializeVocabulary(concepts, 'json'), 'utf8'));
    const db = this.scope.db;
    db.transaction(() => {
      writeVocabularyRow(db, sealed);
      this.note({ action, detail: { concepts: concepts.length, sha256: digest, ...detail } });
    })();
  }

  #ad(): Uint8Array {
    return associatedData('tvault-vocabulary', this.scope.vaultId, 1);
  }
}
