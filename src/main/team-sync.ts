import { VaultLockedError, toSerializedError } from '../shared/errors';
import type { TeamSyncCounts, TeamSyncEvent, TeamSyncOutcome } from '../shared/ipc/team';

/** What the scheduler needs of the world; the app wires the session and the core, tests fakes. */
export interface TeamSyncPort<V> {
  /** The unlocked vault, or null. */
  current(): V | null;
  /** Whether this vault is in a team (a vault without one is never synced on schedule). */
  inTeam(vault: V): boolean;
  sync(vault: V): Promise<TeamSyncCounts>;
  /** Minutes between two syncs, read before each wait so a new setting applies at once. */
  intervalMinutes(): number;
  emit(event: TeamSyncEvent): void;
  now?(): Date;
}

/**
 * The app's team sync (docs/team.md, "In the app"): one run at unlock, then one every few
 * minutes while unlocked; never while locked, and a lock stops the schedule. One run at a
 * time: "Sync now" during a run joins it. Every outcome is kept (the Team screen shows the
 * last) and pushed as an event; a failure is an outcome with its typed error, never lost.
 * A run a lock interrupted is dropped: its vault is closed and its error means nothing.
 */
export class TeamSyncScheduler<V> {
  readonly #port: TeamSyncPort<V>;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #running: Promise<TeamSyncOutcome> | null = null;
  /** Bumped by every start and stop: a run or a timer of an older generation does nothing. */
  #generation = 0;
  #active = false;
  #last: TeamSyncOutcome | null = null;

  constructor(port: TeamSyncPort<V>) {
    this.#port = port;
  }

  get syncing(): boolean {
    return this.#running !== null;
  }

  get last(): TeamSyncOutcome | null {
    return this.#last;
  }

  /** At unlock: a sync now (when in a team), then on schedule. */
  start(): void {
    this.stop();
    this.#active = true;
    const vault = this.#port.current();
    if (vault && this.#port.inTeam(vault)) void this.syncNow();
    else this.#schedule();
  }

  /** At lock: no more runs; what was shown of this session is forgotten. */
  stop(): void {
    this.#generation += 1;
    this.#active = false;
    this.#running = null;
    this.#last = null;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  /** Syncs now, or joins the run in progress. The vault must be unlocked and in a team. */
  syncNow(): Promise<TeamSyncOutcome> {
    if (this.#running) return this.#running;
    const vault = this.#port.current();
    if (!vault) return Promise.reject(new VaultLockedError());
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const generation = this.#generation;
    this.#port.emit({ phase: 'started' });
    const run = this.#port.sync(vault).then(
      (counts) => this.#finish(generation, { ok: true, at: this.#now(), counts }),
      (error: unknown) => this.#finish(generation, this.#fail(error)),
    );
    this.#running = run;
    return run;
  }

  #fail(error: unknown): Extract<TeamSyncOutcome, { ok: false }> {
    return { ok: false, at: this.#now(), error: toSerializedError(error) };
  }

  #finish(generation: number, outcome: TeamSyncOutcome): TeamSyncOutcome {
    if (generation !== this.#generation) return outcome;
    this.#running = null;
    this.#last = outcome;
    this.#port.emit(outcome.ok ? { phase: 'finished', outcome } : { phase: 'failed', outcome });
    this.#schedule();
    return outcome;
  }

  #schedule(): void {
    if (!this.#active || this.#timer) return;
    const generation = this.#generation;
    const minutes = this.#port.intervalMinutes();
    this.#timer = setTimeout(() => {
      this.#timer = null;
      if (generation !== this.#generation || !this.#active) return;
      const vault = this.#port.current();
      if (!vault) return;
      if (this.#port.inTeam(vault)) void this.syncNow();
      else this.#schedule();
    }, minutes * 60_000);
    // A pending sync must not keep a quitting app alive.
    (this.#timer as { unref?: () => void }).unref?.();
  }

  #now(): string {
    return (this.#port.now?.() ?? new Date()).toISOString();
  }
}
