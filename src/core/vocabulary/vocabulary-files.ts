import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { VocabularyInvalidError } from '../../shared/errors';
import { VOCABULARY_LIMITS } from '../../shared/vocabulary/concept';
import { sha256Hex } from '../custody/entry-codec';
import { writeFileAtomic } from '../fs/atomic';
import { fileSystemError } from '../fs/errors';
import { checkOutputPath } from '../fs/output-path';
import type { VocabularyStore } from './vocabulary-store';
import {
  type VocabularyFileFormat,
  formatOf,
  parseVocabulary,
  serializeVocabulary,
} from './file-formats';

/**
 * Reads a vocabulary file (JSON, or CSV by its extension) and merges it into the vault's
 * vocabulary, all or nothing. The size is checked on the open file before reading it, so a
 * huge file is refused without being loaded.
 */
export function importVocabularyFile(
  store: VocabularyStore,
  path: string,
  format: VocabularyFileFormat = formatOf(path),
): { added: number; replaced: number; total: number } {
  try {
    const bytes = readCapped(path);
    return store.merge(parseVocabulary(bytes, format), { sha256: sha256Hex(bytes) });
  } catch (error) {
    // The person may import several files: the refusal says which one.
    if (error instanceof VocabularyInvalidError) {
      const { reason, concept, lang, line } = error.details;
      throw new VocabularyInvalidError(String(reason), {
        file: basename(path),
        ...(typeof concept === 'number' ? { concept } : {}),
        ...(typeof line === 'number' ? { line } : {}),
        ...(typeof lang === 'string' ? { lang } : {}),
      });
    }
    throw error;
  }
}

/** Writes the vocabulary to a file outside the vault folder (replaced only with `force`). */
export function exportVocabularyFile(
  store: VocabularyStore,
  path: string,
  options: { vaultDir: string; force?: boolean; format?: VocabularyFileFormat },
): { path: string; concepts: number } {
  const out = checkOutputPath(path, { ...options, what: 'the vocabulary' });
  const concepts = store.list();
  try {
    writeFileAtomic(out, serializeVocabulary(concepts, options.format ?? formatOf(out)));
  } catch (error) {
    throw fileSystemError(error) ?? error;
  }
  return { path: out, concepts: concepts.length };
}

function readCapped(path: string): Uint8Array {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw fileSystemError(error) ?? error;
  }
  try {
    const size = fstatSync(fd).size;
    if (size > VOCABULARY_LIMITS.fileBytes) throw new VocabularyInvalidError('tooLarge');
    // One byte more than the cap: a file that grew after the stat is still refused.
    const bytes = Buffer.alloc(Math.min(size, VOCABULARY_LIMITS.fileBytes) + 1);
    let read = 0;
    for (;;) {
      const n = readSync(fd, bytes, read, bytes.length - read, null);
      if (n === 0) break;
      read += n;
      if (read === bytes.length) throw new VocabularyInvalidError('tooLarge');
    }
    return bytes.subarray(0, read);
  } catch (error) {
    throw fileSystemError(error) ?? error;
  } finally {
    closeSync(fd);
  }
}
