import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { settingsSchema } from '../shared/ipc/contract';
import type { Settings } from '../shared/ipc/types';
import { writeFileAtomic } from '../core/fs/atomic';

/**
 * The app's few non-sensitive preferences, in a small JSON file outside the vault (the language
 * is needed to draw the unlock screen, before any key exists). Nothing about records goes here.
 * A damaged or hand-edited file falls back to defaults field by field; it never stops the app.
 */
export class SettingsStore {
  readonly #path: string;
  readonly #defaults: Settings;
  #current: Settings;

  constructor(path: string, defaults: Settings) {
    this.#path = path;
    this.#defaults = defaults;
    this.#current = this.#read();
  }

  get(): Settings {
    return { ...this.#current };
  }

  /** Applies a validated partial update and writes the file atomically. */
  set(patch: Partial<Settings>): Settings {
    const next = settingsSchema.parse({ ...this.#current, ...patch });
    mkdirSync(dirname(this.#path), { recursive: true, mode: 0o700 });
    writeFileAtomic(this.#path, `${JSON.stringify(next, null, 2)}\n`);
    this.#current = next;
    return this.get();
  }

  #read(): Settings {
    if (!existsSync(this.#path)) return { ...this.#defaults };
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(this.#path, 'utf8'));
    } catch {
      return { ...this.#defaults };
    }
    const out: Settings = { ...this.#defaults };
    if (raw && typeof raw === 'object') {
      for (const key of Object.keys(out) as (keyof Settings)[]) {
        const field = settingsSchema.shape[key].safeParse((raw as Record<string, unknown>)[key]);
        if (field.success) (out as Record<keyof Settings, unknown>)[key] = field.data;
      }
    }
    return out;
  }
}
