import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** SHA-256 of a whole file, streamed (a bundle can be gigabytes). */
export async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 4 << 20 }))
    hash.update(chunk as Buffer);
  return hash.digest('hex');
}
