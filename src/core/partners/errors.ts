import { VaultError } from '../../shared/errors';

export class PartnerNotFoundError extends VaultError {
  constructor(name: string) {
    super('PARTNER.NOT_FOUND', `No partner named "${name}". See \`tvault partner list\`.`, {
      name,
    });
  }
}

export class PartnerExistsError extends VaultError {
  constructor(what: string, existing: string) {
    super('PARTNER.EXISTS', `${what} is already a partner, as "${existing}".`, {
      existing,
    });
  }
}
