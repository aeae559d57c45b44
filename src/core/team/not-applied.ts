import type { FileStatus } from './team-state';

/** Why a change set is not applied now (docs/team.md, "Reading a change set", step 3). */
export class NotApplied extends Error {
  constructor(
    readonly status: Exclude<FileStatus, 'applied'>,
    readonly reason: string,
  ) {
    super(reason);
  }
}
