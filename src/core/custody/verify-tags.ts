import type { CustodyTagBlockRow } from '../storage/tables/custody';
import { TAG_BLOCK, packBlock } from './record-tags';

type Problem = (kind: string, id: number | string, detail: string) => void;

/**
 * Verify's check of the record tags, fed the rows in seq order: each row's tags are the tags of
 * the records its entry names, and each complete group of TAG_BLOCK entries has its block,
 * holding exactly its rows' tags. Keeps one group's tags at a time (bounded memory).
 */
export class TagChecker {
  #group: { seq: number; tags: Uint8Array | null }[] = [];
  #groupEnd = TAG_BLOCK;
  #next: IteratorResult<CustodyTagBlockRow>;

  constructor(
    private readonly blocks: Iterator<CustodyTagBlockRow>,
    private readonly problem: Problem,
  ) {
    this.#next = blocks.next();
  }

  /** One row: its stored tags, and the tags its entry calls for (undefined: it did not open). */
  row(seq: number, stored: Uint8Array | null, expected: Uint8Array | null | undefined): void {
    if (expected !== undefined && !sameBytes(stored, expected))
      this.problem('log-index', seq, 'the record tags do not match the entry');
    while (seq > this.#groupEnd) this.#closeGroup();
    this.#group.push({ seq, tags: stored });
    if (seq === this.#groupEnd) this.#closeGroup();
  }

  /** After the last row: blocks past it are reported. */
  end(): void {
    for (; !this.#next.done; this.#next = this.blocks.next())
      this.problem('log-index', this.#next.value.lastSeq, 'a tag block past the last entry');
  }

  #closeGroup(): void {
    const end = this.#groupEnd;
    while (!this.#next.done && this.#next.value.lastSeq < end) {
      this.problem('log-index', this.#next.value.lastSeq, 'a tag block out of place');
      this.#next = this.blocks.next();
    }
    if (this.#next.done || this.#next.value.lastSeq !== end)
      this.problem('log-index', end, 'the tag block of this group is missing');
    else {
      if (!sameBytes(this.#next.value.pairs, packBlock(this.#group)))
        this.problem('log-index', end, "the tag block does not match its entries' tags");
      this.#next = this.blocks.next();
    }
    this.#group = [];
    this.#groupEnd += TAG_BLOCK;
  }
}

function sameBytes(a: Uint8Array | null, b: Uint8Array | null): boolean {
  if (!a || !b) return !a === !b;
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
}
