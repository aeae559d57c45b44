import { describe, expect, it } from 'vitest';
import type { AttachmentView } from '../../src/shared/ipc/types';
import { ChunkQueue, MAX_OPEN_UPLOADS, type StreamIngest, Uploads } from '../../src/main/uploads';

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
    await uploads.chunk(id, new Uint8Array(1));
    await expect(uploads.chunk(id, new Uint8Array(2))).rejects.toMatchObject({
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
    await uploads.chunk(uploads.begin(meta(10), ingest), new Uint8Array(1));
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

describe('uploads from a renderer that went wrong (docs/security.md, "Hostile inputs")', () => {
  it('refuses to open more than the cap, with a typed error; a finished one frees a place', async () => {
    const uploads = new Uploads({ maxOpen: 3 });
    const ids = [1, 2, 3].map(() => uploads.begin(meta(1), collectingIngest().ingest));
    const refused = (() => {
      try {
        uploads.begin(meta(1), collectingIngest().ingest);
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toMatchObject({
      code: 'LIMIT.EXCEEDED',
      details: { limit: 'open-uploads', max: 3 },
    });
    expect(uploads.size).toBe(3);
    await uploads.chunk(ids[0]!, new Uint8Array(1));
    await uploads.finish(ids[0]!);
    expect(() => uploads.begin(meta(1), collectingIngest().ingest)).not.toThrow();
  });

  it('the default cap holds: thousands of begins cannot pile up', () => {
    const uploads = new Uploads();
    let opened = 0;
    for (let i = 0; i < 2000; i++) {
      try {
        uploads.begin(meta(1), collectingIngest().ingest);
        opened++;
      } catch (error) {
        expect(error).toMatchObject({ code: 'LIMIT.EXCEEDED' });
      }
    }
    expect(opened).toBe(MAX_OPEN_UPLOADS);
    uploads.cancelAll();
  });

  it('starts the ingest (blob file, hashing worker) only with the first chunk', async () => {
    const uploads = new Uploads();
    let started = 0;
    const { ingest } = collectingIngest();
    const id = uploads.begin(meta(2), (...args) => {
      started++;
      return ingest(...args);
    });
    expect(started).toBe(0);
    await uploads.chunk(id, new Uint8Array(1));
    expect(started).toBe(1);
    await uploads.chunk(id, new Uint8Array(1));
    await uploads.finish(id);
    expect(started).toBe(1);
  });

  it('an empty file starts its ingest at finish', async () => {
    const uploads = new Uploads();
    const { ingest, received } = collectingIngest();
    const id = uploads.begin(meta(0), ingest);
    expect((await uploads.finish(id)).size).toBe(0);
    expect(received).toEqual([]);
  });
});
