import { InvalidInputError } from '../../shared/errors';
import { associatedData } from '../crypto/associated-data';
import { newId } from '../ids';
import { openJson, sealJson } from '../records/codec';
import {
  type PublicIdentity,
  fingerprintOf,
  formatIdentity,
  parseIdentity,
  sameIdentity,
} from '../identity/public-identity';
import type { PartnerView } from '../../shared/partners/types';
import type { VaultScope } from '../storage/scope';
import { PartnerExistsError, PartnerNotFoundError } from './errors';
import { nameKey, validatePartnerName } from './partner-name';
import { deleteSealedRow, putSealedRow, sealedRows } from '../storage/tables/sealed-rows';

/** A partner as stored: what everyone sees of it, and the random id of its sealed row. */
export interface Partner extends PartnerView {
  id: string;
}

/** What one sealed row holds. The row id is random; nothing about the partner is in clear. */
interface PartnerPayload {
  v: 1;
  name: string;
  identity: string;
  addedAt: string;
  verifiedAt: string | null;
}

/**
 * Trusted partners: a name, their public identity and whether the fingerprint was compared out
 * of band. Each row of the `partners` table is sealed (padded) under the 'partners' purpose key
 * with the row id as associated data, so rows cannot be swapped. There are a handful of
 * partners, so lookups simply decrypt every row.
 */
export class PartnerStore {
  constructor(
    private readonly scope: VaultScope,
    /** This vault's own public keys: a partner cannot be the vault itself. */
    private readonly ownIdentity: () => PublicIdentity,
    private readonly now: () => Date = () => new Date(),
  ) {}

  #ad(id: string): Uint8Array {
    return associatedData('tvault-partner', this.scope.vaultId, id);
  }

  #all(): { id: string; payload: PartnerPayload }[] {
    return sealedRows(this.scope.db, 'partners').map((row) => ({
      id: row.id,
      payload: openJson<PartnerPayload>(
        this.scope.keys.key('partners'),
        row.sealed,
        this.#ad(row.id),
        `partner ${row.id}`,
      ),
    }));
  }

  #toPartner(id: string, payload: PartnerPayload): Partner {
    return {
      id,
      name: payload.name,
      identity: payload.identity,
      fingerprint: fingerprintOf(parseIdentity(payload.identity)),
      verified: payload.verifiedAt !== null,
      addedAt: payload.addedAt,
      verifiedAt: payload.verifiedAt,
    };
  }

  #write(id: string, payload: PartnerPayload): void {
    putSealedRow(this.scope.db, 'partners', {
      id,
      sealed: sealJson(this.scope.keys.key('partners'), payload, this.#ad(id)),
    });
  }

  /** Adds a partner, unverified. Refuses a name or an identity that is already there. */
  add(nameInput: string, identityText: string): Partner {
    const name = validatePartnerName(nameInput);
    const identity = parseIdentity(identityText);
    if (sameIdentity(identity, this.ownIdentity())) {
      throw new InvalidInputError("That is this vault's own identity, not a partner's.");
    }
    return this.scope.db.transaction(() => {
      for (const { payload } of this.#all()) {
        if (nameKey(payload.name) === nameKey(name)) {
          throw new PartnerExistsError(`A partner named "${name}"`, payload.name);
        }
        if (sameIdentity(parseIdentity(payload.identity), identity)) {
          throw new PartnerExistsError('This identity', payload.name);
        }
      }
      const id = newId();
      const payload: PartnerPayload = {
        v: 1,
        name,
        identity: formatIdentity(identity),
        addedAt: this.now().toISOString(),
        verifiedAt: null,
      };
      this.#write(id, payload);
      return this.#toPartner(id, payload);
    })();
  }

  /** All partners, by name. */
  list(): Partner[] {
    return this.#all()
      .map(({ id, payload }) => this.#toPartner(id, payload))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  #find(name: string): { id: string; payload: PartnerPayload } {
    const key = nameKey(typeof name === 'string' ? name.trim() : '');
    const found = this.#all().find((p) => nameKey(p.payload.name) === key);
    if (!found) throw new PartnerNotFoundError(typeof name === 'string' ? name.slice(0, 100) : '');
    return found;
  }

  get(name: string): Partner {
    const { id, payload } = this.#find(name);
    return this.#toPartner(id, payload);
  }

  /** The partner holding these public keys, or null (used to recognise a bundle's sender). */
  findByIdentity(identity: PublicIdentity): Partner | null {
    for (const { id, payload } of this.#all()) {
      if (sameIdentity(parseIdentity(payload.identity), identity))
        return this.#toPartner(id, payload);
    }
    return null;
  }

  /** Records that the fingerprint was compared out of band and matched. */
  verify(name: string): Partner {
    return this.scope.db.transaction(() => {
      const { id, payload } = this.#find(name);
      const next = { ...payload, verifiedAt: payload.verifiedAt ?? this.now().toISOString() };
      this.#write(id, next);
      return this.#toPartner(id, next);
    })();
  }

  /** Forgets a partner. Records received from them keep their provenance. */
  remove(name: string): Partner {
    return this.scope.db.transaction(() => {
      const { id, payload } = this.#find(name);
      deleteSealedRow(this.scope.db, 'partners', id);
      return this.#toPartner(id, payload);
    })();
  }
}
