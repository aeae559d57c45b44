import { unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { VaultError } from '../../shared/errors';
import { FileIoError } from './errors';
import { StagedOutput } from './staged-output';

export interface OutputFile {
  path: string;
  data: string | Uint8Array;
}

/**
 * Writes a few small files that only make sense together (a custody report and its detached
 * signature, its printable page): each is staged in its folder (StagedOutput) and synced, and
 * only when all are complete do they get their names. A failure (a full disk, a read-only
 * folder) leaves none of them: no truncated report, no signature without its report.
 * Errors are FILE.IO naming the file that could not be written.
 */
export async function writeFilesTogether(files: OutputFile[], force: boolean): Promise<void> {
  const stages: StagedOutput[] = [];
  const named: string[] = [];
  let current = '';
  try {
    for (const file of files) {
      current = file.path;
      const stage = await StagedOutput.create(file.path).catch((error: unknown) => {
        throw new FileIoError('Cannot write into the folder', dirname(file.path), error);
      });
      stages.push(stage);
      const bytes = typeof file.data === 'string' ? Buffer.from(file.data, 'utf8') : file.data;
      let offset = 0;
      while (offset < bytes.length)
        offset += (await stage.handle.write(bytes, offset, bytes.length - offset)).bytesWritten;
      await stage.handle.sync();
    }
    while (stages.length > 0) {
      current = stages[0]!.out;
      await stages[0]!.commit(force);
      named.push(stages.shift()!.out);
    }
  } catch (error) {
    for (const stage of stages) await stage.discard();
    // Without force, the names were new: removing them restores the folder as it was.
    if (!force) for (const path of named) await unlink(path).catch(() => undefined);
    if (error instanceof VaultError) throw error;
    throw new FileIoError('Cannot write', current, error);
  }
}
