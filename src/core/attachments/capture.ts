import { SNIFF_BYTES, looksLikePdf, looksLikeText } from './mime';
import { MAX_TEXT_SOURCE_BYTES } from './text/extract';

/**
 * Keeps, in memory only, what ingest needs besides the ciphertext: the first SNIFF_BYTES for
 * MIME sniffing and, when those look like text or a PDF, the whole file up to
 * MAX_TEXT_SOURCE_BYTES for text extraction. Anything larger or binary is not kept, so memory
 * stays bounded whatever the file size.
 */
export class ContentCapture {
  readonly #head = new Uint8Array(SNIFF_BYTES);
  #headLength = 0;
  #parts: Uint8Array[] | null = [];
  #kept = 0;
  #decided = false;
  #tooLarge = false;

  push(bytes: Uint8Array): void {
    if (this.#headLength < SNIFF_BYTES) {
      const take = Math.min(bytes.length, SNIFF_BYTES - this.#headLength);
      this.#head.set(bytes.subarray(0, take), this.#headLength);
      this.#headLength += take;
    }
    if (!this.#decided && this.#headLength === SNIFF_BYTES) {
      this.#decided = true;
      if (!this.#isCandidate(false)) this.#parts = null;
    }
    if (this.#parts === null) return;
    if (this.#kept + bytes.length > MAX_TEXT_SOURCE_BYTES) {
      this.#parts = null;
      this.#tooLarge = true;
      return;
    }
    // A real copy (Buffer#slice would be a view): the caller reuses and wipes its buffers.
    this.#parts.push(new Uint8Array(bytes));
    this.#kept += bytes.length;
  }

  #isCandidate(complete: boolean): boolean {
    const head = this.head;
    return looksLikePdf(head) || looksLikeText(head, complete);
  }

  /** The first bytes of the file (all of it if shorter than SNIFF_BYTES). */
  get head(): Uint8Array {
    return this.#head.subarray(0, this.#headLength);
  }

  /** A text or PDF candidate was dropped for its size: its text will not be extracted. */
  get tooLarge(): boolean {
    return this.#tooLarge;
  }

  /** The whole file if it was small and text-like or PDF, else null. Call once, at the end. */
  takeContent(): Uint8Array | null {
    const parts = this.#parts;
    this.#parts = null;
    if (parts === null || (!this.#decided && !this.#isCandidate(true))) return null;
    const out = new Uint8Array(this.#kept);
    let offset = 0;
    for (const part of parts) {
      out.set(part, offset);
      offset += part.length;
    }
    return out;
  }
}
