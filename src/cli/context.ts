import { type CommandAccess, commandVolume } from '../core/custody/volume';
import type { Command } from 'commander';
import { InvalidInputError, VaultError, VaultNotFoundError } from '../shared/errors';
import { TEST_KDF, kdfFromEnvironment } from '../core/crypto/kdf';
import { defaultVaultDir } from '../core/vault/paths';
import { Vault } from '../core/vault/vault';
import { VAULT_FILES } from '../core/vault/paths';
import { fileSystemError } from '../core/fs/errors';
import { join, resolve } from 'node:path';
import { promptSecret } from './prompt';
import { crashProbe } from './crash-probe';

export interface GlobalOptions {
  vault?: string;
  json?: boolean;
}

export interface Output {
  json: boolean;
  /** Prints the one JSON document (in --json mode) or the human text. */
  result(json: unknown, text: () => string): void;
  info(text: string): void;
}

export function globalOptions(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}

export function vaultDir(options: GlobalOptions): string {
  return options.vault ?? defaultVaultDir();
}

export function output(options: GlobalOptions): Output {
  const json = options.json === true;
  return {
    json,
    result(value, text) {
      if (json) process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
      else {
        const rendered = text();
        if (rendered) process.stdout.write(rendered.endsWith('\n') ? rendered : `${rendered}\n`);
      }
    },
    info(text) {
      process.stderr.write(`${text}\n`);
    },
  };
}

/** Explicit, loud: the weak test KDF is used only when TVAULT_TEST_KDF=1 is set. */
export function kdfOption() {
  const kdf = kdfFromEnvironment(process.env);
  if (kdf === TEST_KDF) {
    process.stderr.write(
      'tvault: WARNING: TVAULT_TEST_KDF=1 is set: using weak test key-derivation parameters.\n',
    );
  }
  return kdf;
}

export async function readPassphrase(question = 'Passphrase: '): Promise<string> {
  const fromEnv = process.env.TVAULT_PASSPHRASE;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  try {
    return await promptSecret(question);
  } catch {
    throw new InvalidInputError(
      'No passphrase: set TVAULT_PASSPHRASE or run tvault in a terminal.',
    );
  }
}

/**
 * Opens the vault with TVAULT_RECOVERY_KEY if set, else the passphrase, runs fn, then locks.
 * `access` says whether the command touches testimony content, which decides whether its
 * unlock is worth a custody entry (docs/custody.md, "How much is logged"); when unsure,
 * `content`, which logs more rather than less.
 */
export async function withVault<T>(
  options: GlobalOptions,
  fn: (vault: Vault) => Promise<T> | T,
  access: CommandAccess = 'content',
): Promise<T> {
  const dir = vaultDir(options);
  if (!Vault.exists(dir)) throw new VaultNotFoundError(dir);
  const recoveryKey = process.env.TVAULT_RECOVERY_KEY;
  const volume = { custodyVolume: commandVolume(access) };
  // SQLite's I/O errors (disk full, read-only) do not say which file: it is the database.
  // Opening writes too (the unlock's custody entry), so it fails the same way on a full disk.
  const database = join(resolve(dir), VAULT_FILES.database);
  let vault: Vault;
  try {
    vault =
      recoveryKey !== undefined && recoveryKey !== ''
        ? await Vault.open(dir, { recoveryKey }, volume)
        : await Vault.open(dir, { passphrase: await readPassphrase() }, volume);
  } catch (error) {
    throw fileSystemError(error, database) ?? error;
  }
  try {
    crashProbe();
    return await fn(vault);
  } catch (error) {
    throw fileSystemError(error, database) ?? error;
  } finally {
    vault.close();
  }
}

export function fail(message: string): never {
  throw new VaultError('INPUT.INVALID', message);
}
