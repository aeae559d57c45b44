import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { AutoLock } from '../../src/main/autolock';
import { SettingsStore } from '../../src/main/settings-store';

const dir = mkdtempSync(join(tmpdir(), 'tv-settings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const defaults = { autoLockMinutes: 5, language: 'en' as const };

describe('settings store', () => {
  it('starts from defaults and persists changes as JSON', () => {
    const path = join(dir, 'a', 'settings.json');
    const store = new SettingsStore(path, defaults);
    expect(store.get()).toEqual(defaults);
    expect(store.set({ language: 'ar' })).toEqual({ autoLockMinutes: 5, language: 'ar' });
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ autoLockMinutes: 5, language: 'ar' });
    expect(new SettingsStore(path, defaults).get().language).toBe('ar');
  });

  it('rejects invalid values and keeps the file as it was', () => {
    const path = join(dir, 'b.json');
    const store = new SettingsStore(path, defaults);
    store.set({ autoLockMinutes: 10 });
    const before = readFileSync(path, 'utf8');
    expect(() => store.set({ autoLockMinutes: 0 })).toThrow();
    expect(() => store.set({ language: 'de' as never })).toThrow();
    expect(readFileSync(path, 'utf8')).toBe(before);
    expect(store.get().autoLockMinutes).toBe(10);
  });

  it('survives a damaged or hand-edited file, keeping the valid fields', () => {
    const damaged = join(dir, 'c.json');
    writeFileSync(damaged, '{ not json');
    expect(new SettingsStore(damaged, defaults).get()).toEqual(defaults);
    const partial = join(dir, 'd.json');
    writeFileSync(partial, JSON.stringify({ autoLockMinutes: 'soon', language: 'fr', extra: 1 }));
    expect(new SettingsStore(partial, defaults).get()).toEqual({
      autoLockMinutes: 5,
      language: 'fr',
    });
  });

  it('keeps a region for dates (ISO 3166 code or none) and refuses anything else', () => {
    const path = join(dir, 'e.json');
    const withRegion = { ...defaults, region: '' };
    const store = new SettingsStore(path, withRegion);
    expect(store.set({ region: 'MA' })).toEqual({ ...withRegion, region: 'MA' });
    expect(new SettingsStore(path, withRegion).get().region).toBe('MA');
    const before = readFileSync(path, 'utf8');
    for (const bad of ['ma', 'MAR', 'ar-MA', '../x', 'M']) {
      expect(() => store.set({ region: bad }), bad).toThrow();
    }
    expect(readFileSync(path, 'utf8')).toBe(before);
    expect(store.set({ region: '' }).region).toBe('');
    // A hand-edited bad region falls back to none.
    writeFileSync(path, JSON.stringify({ autoLockMinutes: 5, language: 'ar', region: 'xx-1' }));
    expect(new SettingsStore(path, withRegion).get()).toEqual({ ...withRegion, language: 'ar' });
  });
});

describe('auto-lock', () => {
  function setup(idle: number, minutes = 5, unlocked = true) {
    const lock = vi.fn();
    const state = { idle, minutes, unlocked };
    const autoLock = new AutoLock({
      idleSeconds: () => state.idle,
      minutes: () => state.minutes,
      isUnlocked: () => state.unlocked,
      lock,
      intervalMs: 5,
    });
    return { autoLock, lock, state };
  }

  it('locks once the system has been idle for the configured minutes', () => {
    const { autoLock, lock, state } = setup(299);
    expect(autoLock.check()).toBe(false);
    state.idle = 300;
    expect(autoLock.check()).toBe(true);
    expect(lock).toHaveBeenCalledWith('idle');
  });

  it('reads the delay at each check and does nothing while locked', () => {
    const { autoLock, lock, state } = setup(120, 5, false);
    expect(autoLock.check()).toBe(false);
    state.unlocked = true;
    state.minutes = 2;
    expect(autoLock.check()).toBe(true);
    expect(lock).toHaveBeenCalledTimes(1);
  });

  it('checks on its own timer once started, until stopped', async () => {
    const { autoLock, lock } = setup(10_000);
    autoLock.start();
    await new Promise((r) => setTimeout(r, 30));
    autoLock.stop();
    const calls = lock.mock.calls.length;
    expect(calls).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 30));
    expect(lock.mock.calls.length).toBe(calls);
  });
});
