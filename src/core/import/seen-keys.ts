import { sodium } from '../crypto/sodium';
import type { SourcePosition } from './types';

const UNITS: readonly SourcePosition['unit'][] = ['line', 'row', 'record'];
/** A key is kept as a 96-bit digest: three 32-bit words. */
const WORDS = 3;
const FIRST_CAPACITY = 1024;
const encoder = new TextEncoder();

/**
 * The source keys met so far in one import (a record's source id, or its content's hash for a
 * row without one), to refuse a record whose key came before and say where. An import keeps
 * one entry per record until its end, so an entry must stay small whatever the file holds
 * (issue 11: bounded memory for a 1 GB file): each key is kept as a 96-bit BLAKE2b digest
 * beside the position it was met at, in flat typed arrays (open addressing, at most 3/4 full):
 * 20 bytes a slot, 27 to 53 bytes per record. A Map of the keys themselves held about 170
 * bytes per content key and every byte of a source id, which may be as long as a row.
 *
 * Two different keys share a digest with odds of about n²/2^97 (under 10^-17 for a million
 * records); the later record would then be refused as a repeat of the earlier one.
 */
export class SeenKeys {
  #digests = new Uint32Array(FIRST_CAPACITY * WORDS);
  /** 0: an empty slot; else the position, `at * 4 + unit + 1`. */
  #positions = new Float64Array(FIRST_CAPACITY);
  #size = 0;

  get size(): number {
    return this.#size;
  }

  /** Where `key` was met before; null if it is new (it is then remembered at `position`). */
  seenBefore(key: string, position: SourcePosition): SourcePosition | null {
    if ((this.#size + 1) * 4 > this.#positions.length * 3) this.#grow();
    const digest = digestOf(key);
    const slot = this.#slotOf(digest);
    const stored = this.#positions[slot]!;
    if (stored !== 0) return decode(stored);
    this.#digests.set(digest, slot * WORDS);
    this.#positions[slot] = encode(position);
    this.#size += 1;
    return null;
  }

  /** The slot holding `digest`, or the empty slot where it belongs (linear probing). */
  #slotOf(digest: Uint32Array): number {
    const mask = this.#positions.length - 1;
    for (let slot = digest[0]! & mask; ; slot = (slot + 1) & mask) {
      if (this.#positions[slot] === 0) return slot;
      const at = slot * WORDS;
      if (
        this.#digests[at] === digest[0] &&
        this.#digests[at + 1] === digest[1] &&
        this.#digests[at + 2] === digest[2]
      )
        return slot;
    }
  }

  #grow(): void {
    const digests = this.#digests;
    const positions = this.#positions;
    this.#digests = new Uint32Array(digests.length * 2);
    this.#positions = new Float64Array(positions.length * 2);
    for (let slot = 0; slot < positions.length; slot++) {
      if (positions[slot] === 0) continue;
      const digest = digests.subarray(slot * WORDS, slot * WORDS + WORDS);
      const to = this.#slotOf(digest);
      this.#digests.set(digest, to * WORDS);
      this.#positions[to] = positions[slot]!;
    }
  }
}

function digestOf(key: string): Uint32Array {
  const hash = sodium().blake2b({ length: 16, message: encoder.encode(key) });
  const view = new DataView(hash.buffer, hash.byteOffset, hash.byteLength);
  return Uint32Array.of(view.getUint32(0, true), view.getUint32(4, true), view.getUint32(8, true));
}

function encode(position: SourcePosition): number {
  return position.at * 4 + UNITS.indexOf(position.unit) + 1;
}

function decode(stored: number): SourcePosition {
  const value = stored - 1;
  return { unit: UNITS[value % 4]!, at: Math.floor(value / 4) };
}
