/**
 * A string-keyed table whose lookups can name a slice of a text (start, end and a hash computed
 * while scanning it) instead of a string: indexing looks up every word of a document, and with
 * a Map each lookup first cut the word out of the text (an allocation) and hashed it again
 * (profiled: the Map lookups alone were a quarter of the analysis time). Open addressing over
 * typed arrays; a hit compares characters in place and allocates nothing.
 */

/** FNV-1a over UTF-16 code units: what the scanner computes per character (word-scan.ts). */
export function hashChars(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h | 0;
}

export function sameChars(key: string, text: string, start: number, end: number): boolean {
  if (key.length !== end - start) return false;
  for (let i = 0; i < key.length; i++) {
    if (key.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  }
  return true;
}

export class WordTable<T> {
  readonly #keys: string[] = [];
  readonly #values: T[] = [];
  readonly #hashes: Int32Array;
  /** 1 + the entry number in each slot, 0 for an empty slot. */
  readonly #slots: Int32Array;
  readonly #mask: number;

  /** A table for up to `limit` entries (kept at most half full). */
  constructor(readonly limit: number) {
    let capacity = 16;
    while (capacity < limit * 2) capacity *= 2;
    this.#hashes = new Int32Array(capacity);
    this.#slots = new Int32Array(capacity);
    this.#mask = capacity - 1;
  }

  get size(): number {
    return this.#keys.length;
  }

  /** The value of the key text[start, end), whose hashChars is `hash`. */
  getSpan(text: string, start: number, end: number, hash: number): T | undefined {
    const slots = this.#slots;
    for (let i = hash & this.#mask; ; i = (i + 1) & this.#mask) {
      const slot = slots[i] as number;
      if (slot === 0) return undefined;
      if (this.#hashes[i] === hash && sameChars(this.#keys[slot - 1] as string, text, start, end)) {
        return this.#values[slot - 1];
      }
    }
  }

  get(key: string, hash = hashChars(key, 0, key.length)): T | undefined {
    return this.getSpan(key, 0, key.length, hash);
  }

  /** Adds or replaces; the caller rotates the table before it holds more than `limit`. */
  set(key: string, hash: number, value: T): void {
    const slots = this.#slots;
    for (let i = hash & this.#mask; ; i = (i + 1) & this.#mask) {
      const slot = slots[i] as number;
      if (slot === 0) {
        if (this.#keys.length >= this.limit * 2) throw new RangeError('WordTable is full');
        this.#keys.push(key);
        this.#values.push(value);
        this.#hashes[i] = hash;
        slots[i] = this.#keys.length;
        return;
      }
      if (this.#hashes[i] === hash && this.#keys[slot - 1] === key) {
        this.#values[slot - 1] = value;
        return;
      }
    }
  }
}
