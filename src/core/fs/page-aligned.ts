/**
 * Byte buffers that start on a memory page boundary, for the large-file I/O of attachments.
 *
 * Why it matters (measured here, docs/attachments.md "Measured"): Node's large buffers come from
 * glibc's mmap path and start 16 bytes into a page. A `read()` from the page cache into such a
 * buffer copies each page to an address 16 bytes past the source's offset within its page,
 * which this CPU runs about 4x slower than any other distance (4K aliasing between the kernel's
 * loads and stores): 0.6 s instead of 0.14 s of system time per GiB read. And writes that bypass
 * the page cache (O_DIRECT) require aligned memory outright.
 *
 * JavaScript cannot ask for an address, but WebAssembly memory is always allocated by whole
 * pages (V8 maps it with the page allocator), so its first byte is page-aligned on every
 * platform and in Electron as in Node. Sizes are rounded up to WebAssembly's 64 KiB pages.
 * If the engine refuses (address space exhausted), an ordinary buffer is returned: slower,
 * never wrong; `isPageAligned` says which one the caller got.
 */
const WASM_PAGE_BYTES = 64 * 1024;

/** The part of WebAssembly.Memory used here (the Node typings declare no WebAssembly values). */
type MemoryConstructor = new (descriptor: {
  initial: number;
  maximum: number;
  shared?: boolean;
}) => { readonly buffer: ArrayBuffer | SharedArrayBuffer };

const WasmMemory = (globalThis as { WebAssembly?: { Memory?: MemoryConstructor } }).WebAssembly
  ?.Memory;

const aligned = new WeakSet<ArrayBufferLike>();

/** `size` bytes of page-aligned memory, shared between threads (a SharedArrayBuffer) if asked. */
export function pageAlignedBytes(size: number, options: { shared?: boolean } = {}): Uint8Array {
  if (!Number.isSafeInteger(size) || size <= 0) throw new RangeError('invalid buffer size');
  const pages = Math.ceil(size / WASM_PAGE_BYTES);
  const shared = options.shared === true;
  try {
    if (!WasmMemory) throw new Error('no WebAssembly here');
    const memory = new WasmMemory({ initial: pages, maximum: pages, shared });
    aligned.add(memory.buffer);
    return new Uint8Array(memory.buffer, 0, size);
  } catch {
    return new Uint8Array(shared ? new SharedArrayBuffer(size) : new ArrayBuffer(size));
  }
}

/** Whether `bytes` starts on a page boundary because it came from `pageAlignedBytes`. */
export function isPageAligned(bytes: Uint8Array): boolean {
  return aligned.has(bytes.buffer) && bytes.byteOffset % 4096 === 0;
}
