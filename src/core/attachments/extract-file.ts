import { randomBytes } from 'node:crypto';
import { realpathSync, statSync } from 'node:fs';
import { type FileHandle, link, lstat, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { FileExistsError, InvalidInputError } from '../../shared/errors';
import { fsyncDir } from '../fs/atomic';
import { type BlobRef, DECRYPT_BATCH_BYTES, decryptBlob } from './blob-reader';
import { FileIoError, attachmentIntegrity, isNodeError } from './errors';
import { type StreamHasher, hasherFor } from './hasher';

export interface ExtractResult {
  path: string;
  size: number;
  sha256: string;
  verified: true;
}

/**
 * Writes an attachment's plaintext to a file the user chose (docs/attachments.md, "Extract").
 * The bytes go to a hidden temporary file beside the destination; every chunk is authenticated
 * on the way and the SHA-256 of the whole is compared with the one recorded at ingest (chain of
 * custody). Only then is the file fsynced and moved into place. On any failure the temporary
 * file is removed: no partial output is ever left behind. Without `force` an existing file is
 * never replaced, even one that appears while extracting (the final step is a hard link, which
 * fails if the name exists).
 */
export async function extractToFile(
  ref: BlobRef,
  expectedSha256: string,
  outPath: string,
  options: { force?: boolean; vaultDir: string },
): Promise<ExtractResult> {
  if (typeof outPath !== 'string' || outPath === '' || outPath.includes('\0'))
    throw new InvalidInputError('Give a file path to extract to.');
  const out = resolve(outPath);
  const parent = dirname(out);
  try {
    if (!statSync(parent).isDirectory()) throw new FileIoError('Not a folder', parent, 'ENOTDIR');
  } catch (error) {
    if (error instanceof FileIoError) throw error;
    throw new FileIoError('The folder to extract into does not exist', parent, error);
  }
  // Plaintext must never land inside the vault folder.
  if (isInside(realpathSync(parent), realpathSync(options.vaultDir)))
    throw new InvalidInputError('Extract to a place outside the vault folder.');
  const existing = await lstat(out).catch(() => null);
  if (existing?.isDirectory())
    throw new InvalidInputError(`${basename(out)} is a folder; give a file path.`, { path: out });
  if (existing && !options.force) throw new FileExistsError(out);

  const temp = join(parent, `.tvault-${ref.id}-${randomBytes(6).toString('hex')}.partial`);
  let handle: FileHandle | null = null;
  const hasher: StreamHasher = hasherFor(ref.size);
  let inflight: Promise<void> | null = null;
  const buffers = [0, 1].map(() => new Uint8Array(DECRYPT_BATCH_BYTES)) as [Uint8Array, Uint8Array];
  try {
    try {
      handle = await open(temp, 'wx', 0o600);
    } catch (error) {
      throw new FileIoError('Cannot write into the folder', parent, error);
    }
    let size = 0;
    const target = handle;
    const write = async (bytes: Uint8Array, at: number): Promise<void> => {
      for (let done = 0; done < bytes.length;) {
        done += (await target.write(bytes, done, bytes.length - done, at + done)).bytesWritten;
      }
    };
    // The reader alternates two buffers: this batch is written while the next is decrypted.
    for await (const plain of decryptBlob(ref, { buffers })) {
      await hasher.update(plain);
      if (inflight) await inflight;
      inflight = write(plain, size);
      size += plain.length;
    }
    await inflight;
    inflight = null;
    const sha256 = await hasher.digest();
    if (size !== ref.size || sha256 !== expectedSha256) throw attachmentIntegrity(ref.id, 'sha256');
    await handle.sync();
    await handle.close();
    handle = null;
    await place(temp, out, options.force === true);
    fsyncDir(parent);
    return { path: out, size, sha256, verified: true };
  } catch (error) {
    // A write may still be running: let it end before the file is closed and removed.
    await (inflight as Promise<void> | null)?.catch(() => undefined);
    await handle?.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    if (isNodeError(error, 'ENOSPC', 'EIO', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM'))
      throw new FileIoError('Cannot write the extracted file', out, error);
    throw error;
  } finally {
    hasher.dispose();
    // Plaintext: wiped once no write can be using it any more.
    for (const buffer of buffers) buffer.fill(0);
  }
}

async function place(temp: string, out: string, force: boolean): Promise<void> {
  if (force) {
    await rename(temp, out);
    return;
  }
  try {
    await link(temp, out);
    await unlink(temp);
  } catch (error) {
    if (isNodeError(error, 'EEXIST')) throw new FileExistsError(out);
    // File systems without hard links (FAT, exFAT on USB sticks): check, then rename.
    if (!isNodeError(error, 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EMLINK')) throw error;
    if (await lstat(out).catch(() => null)) throw new FileExistsError(out);
    await rename(temp, out);
  }
}

function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}
