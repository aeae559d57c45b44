import { VaultError } from '../../shared/errors';

/** The vault is in no team: `tvault team init` or `team join` first. Exit 4 (not found). */
export class TeamNotFoundError extends VaultError {
  constructor() {
    super(
      'TEAM.NOT_FOUND',
      'This vault is not in a team: create one with `tvault team init` or join with `tvault team join`.',
    );
  }
}

/** A vault belongs to one team at a time. Exit 2 (bad input). */
export class TeamExistsError extends VaultError {
  constructor(teamId: string) {
    super('TEAM.EXISTS', `This vault is already in team ${teamId}.`, { team: teamId });
  }
}
