import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FileIoError } from '../../src/core/fs/errors';
import type { TeamSyncCounts, TeamSyncEvent } from '../../src/shared/ipc/team';
import { TeamSyncScheduler } from '../../src/main/team-sync';

const COUNTS: TeamSyncCounts = {
  published: 1,
  applied: 2,
  rejected: 0,
  waiting: 0,
  notAddressed: 0,
  incomplete: 0,
  other: 0,
};

/** A fake vault session and sync: each sync waits until the test settles it. */
function setup(opts: { inTeam?: boolean; minutes?: number } = {}) {
  const world = {
    unlocked: true,
    inTeam: opts.inTeam ?? true,
    minutes: opts.minutes ?? 5,
    calls: 0,
    events: [] as TeamSyncEvent[],
    pending: [] as { resolve: (c: TeamSyncCounts) => void; reject: (e: unknown) => void }[],
  };
  const scheduler = new TeamSyncScheduler<object>({
    current: () => (world.unlocked ? {} : null),
    inTeam: () => world.inTeam,
    sync: () => {
      world.calls += 1;
      return new Promise((resolve, reject) => world.pending.push({ resolve, reject }));
    },
    intervalMinutes: () => world.minutes,
    emit: (event) => world.events.push(event),
  });
  return { world, scheduler };
}

const minutes = (n: number) => vi.advanceTimersByTimeAsync(n * 60_000);

describe('the team sync scheduler', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('syncs at unlock, then every interval, reading the setting before each wait', async () => {
    const { world, scheduler } = setup({ minutes: 5 });
    scheduler.start();
    expect(world.calls).toBe(1);
    expect(scheduler.syncing).toBe(true);
    world.pending.shift()!.resolve(COUNTS);
    await vi.advanceTimersByTimeAsync(0);
    expect(scheduler.last).toMatchObject({ ok: true, counts: COUNTS });
    expect(world.events.map((e) => e.phase)).toEqual(['started', 'finished']);
    world.minutes = 2; // the wait already running keeps its 5 minutes
    await minutes(4.9);
    expect(world.calls).toBe(1);
    await minutes(0.2);
    expect(world.calls).toBe(2);
    world.pending.shift()!.resolve(COUNTS);
    await minutes(1.9);
    expect(world.calls).toBe(2);
    await minutes(0.2);
    expect(world.calls).toBe(3);
  });

  it('runs one sync at a time: "Sync now" during a run joins it', async () => {
    const { world, scheduler } = setup();
    scheduler.start();
    const joined = scheduler.syncNow();
    expect(world.calls).toBe(1);
    world.pending.shift()!.resolve(COUNTS);
    await expect(joined).resolves.toMatchObject({ ok: true });
    // A long run: the timer does not start a second one beside it.
    await minutes(5);
    expect(world.calls).toBe(2);
    await minutes(30);
    expect(world.calls).toBe(2);
  });

  it('keeps a failure as the last outcome with its typed error, and goes on', async () => {
    const { world, scheduler } = setup();
    scheduler.start();
    world.pending.shift()!.reject(new FileIoError('Cannot read the team folder', '/gone/team'));
    await vi.advanceTimersByTimeAsync(0);
    const last = scheduler.last;
    expect(last?.ok).toBe(false);
    if (last?.ok !== false) throw new Error('expected a failure');
    expect(last.error.code).toBe('FILE.IO');
    expect(last.error.details['path']).toBe('/gone/team');
    expect(world.events.at(-1)).toEqual({ phase: 'failed', outcome: last });
    await minutes(5);
    expect(world.calls).toBe(2);
    world.pending.shift()!.resolve(COUNTS);
    await vi.advanceTimersByTimeAsync(0);
    expect(scheduler.last?.ok).toBe(true);
  });

  it('never syncs while locked: a lock stops the schedule and drops the run it interrupted', async () => {
    const { world, scheduler } = setup();
    scheduler.start();
    world.unlocked = false;
    scheduler.stop();
    expect(scheduler.syncing).toBe(false);
    world.pending.shift()!.reject(new Error('vault closed'));
    await minutes(60);
    expect(world.calls).toBe(1);
    expect(scheduler.last).toBeNull();
    expect(world.events.map((e) => e.phase)).toEqual(['started']);
    await expect(scheduler.syncNow()).rejects.toMatchObject({ code: 'VAULT.LOCKED' });
    // Unlocked again: a new run at once.
    world.unlocked = true;
    scheduler.start();
    expect(world.calls).toBe(2);
  });

  it('a timer that fires after a lock does nothing', async () => {
    const { world, scheduler } = setup();
    scheduler.start();
    world.pending.shift()!.resolve(COUNTS);
    await vi.advanceTimersByTimeAsync(0);
    world.unlocked = false; // locked, and the lock listener has not run yet
    await minutes(5);
    expect(world.calls).toBe(1);
  });

  it('a vault in no team is not synced, until it is in one', async () => {
    const { world, scheduler } = setup({ inTeam: false });
    scheduler.start();
    await minutes(20);
    expect(world.calls).toBe(0);
    expect(world.events).toEqual([]);
    world.inTeam = true;
    await minutes(5);
    expect(world.calls).toBe(1);
  });
});
