import { describe, expect, it } from 'vitest';
import type { AttachmentView } from '../../src/shared/ipc/types';
import { ChunkQueue, type StreamIngest, Uploads } from '../../src/main/uploads';

const RECORD = '0123456789abcdef0123456789abcdef';

/** An ingest that consumes the stream like the store does and reports what it received. */
function collectingIngest() {
  const received: Uint8Array[] = [];
  let aborted = false;
  const ingest: StreamIngest = async (meta, source, { signal }) => {
    signal.addEventListener('abort', () => (aborted = true));
    for await (const chunk of source) received.push(chunk);
    const size = received.reduce((n, c) => n + c.byteLength, 0);
    return { id: 'a'.repeat(32), recordId: meta.recordId, name: meta.name, size } as AttachmentView;
  };
  return { ingest, received, wasAborted: () => aborted };
}

const meta = (size: number) => ({
  recordId: RECORD,
  name: 'photo.jpg',
  mime: 'image/jpeg',
  size,
  modifiedAt: null,
});

describe('uploads', () => {
  it('streams chunks into the ingest and returns its result', async () => {
    const uploads = new Uploads();
    const { ingest, received } = collectingIngest();
    const id = uploads.begin(meta(6), ingest);
    expect(await uploads.chunk(id, new Uint8Array([1, 2, 3]))).toBe(3);
    expect(await uploads.chunk(id, new Uint8Array([4, 5, 6]))).toBe(6);
    const info = await uploads.finish(id);
    expect(info.size).toBe(6);
    expect(Buffer.concat(received)).toEqual(Buffer.from([1, 2, 3, 4, 5, 6]));
    expect(uploads.size).toBe(0);
  });

  it('refuses more bytes than announced, and cancels the upload', async () => {
    const uploads = new Uploads();
    const { ingest, wasAborted } = collectingIngest();
    const id = uploads.begin(meta(2), ingest);
    await expect(uploads.chunk(id, new Uint8Array(3))).rejects.toMatchObject({
      code: 'INPUT.INVALID',
    });
    expect(wasAborted()).toBe(true);
    await expect(uploads.finish(id)).rejects.toMatchObject({ code: 'INPUT.INVALID' });
  });

  it('refuses to finish a short upload, and the ingest sees a failure, not an end', async () => {
    const uploads = new Uploads();
    let outcome = '';
    const id = uploads.begin(meta(10), async (_m, source) => {
      try {
        for await (const _ of source) void _;
        outcome = 'ended';
      } catch (error) {
        outcome = (error as { code?: string }).code ?? 'error';
      }
      return {} as AttachmentView;
    });
    await uploads.chunk(id, new Uint8Array(4));
    await expect(uploads.finish(id)).rejects.toMatchObject({ code: 'INPUT.INVALID' });
    await new Promise((r) => setTimeout(r, 10));
    expect(outcome).toBe('CANCELLED');
  });

  it('cancels everything on lock and forgets unknown ids', async () => {
    const uploads = new Uploads();
    const a = uploads.begin(meta(5), collectingIngest().ingest);
    uploads.begin(meta(5), collectingIngest().ingest);
    uploads.cancelAll();
    expect(uploads.size).toBe(0);
    await expect(uploads.chunk(a, new Uint8Array(1))).rejects.toMatchObject({
      code: 'INPUT.INVALID',
    });
    expect(() => uploads.cancel('f'.repeat(32))).not.toThrow();
  });

  it('reports an ingest failure to the sender of the next chunk', async () => {
    const uploads = new Uploads();
    const id = uploads.begin(meta(100), async (_m, source) => {
      for await (const _ of source)
        throw Object.assign(new Error('disk full'), { code: 'FILE.IO' });
      return {} as AttachmentView;
    });
    await uploads.chunk(id, new Uint8Array(10)).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 10));
    await expect(uploads.chunk(id, new Uint8Array(10))).rejects.toMatchObject({ code: 'FILE.IO' });
  });

  it('abandons an upload whose sender went quiet', async () => {
    const uploads = new Uploads({ idleTimeoutMs: 20 });
    const { ingest, wasAborted } = collectingIngest();
    uploads.begin(meta(10), ingest);
    await new Promise((r) => setTimeout(r, 60));
    expect(uploads.size).toBe(0);
    expect(wasAborted()).toBe(true);
  });
});

describe('ChunkQueue', () => {
  it('applies back-pressure: a push waits until the consumer takes the previous chunk', async () => {
    const queue = new ChunkQueue();
    await queue.push(new Uint8Array([1]));
    let secondDone = false;
    const second = queue.push(new Uint8Array([2])).then(() => (secondDone = true));
    await new Promise((r) => setTimeout(r, 5));
    expect(secondDone).toBe(false);
    const iterator = queue[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toEqual(new Uint8Array([1]));
    await second;
    expect(secondDone).toBe(true);
    queue.end();
    expect((await iterator.next()).value).toEqual(new Uint8Array([2]));
    expect((await iterator.next()).done).toBe(true);
  });
});
