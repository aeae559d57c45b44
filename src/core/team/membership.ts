import { createHash } from 'node:crypto';
import { z } from 'zod';
import { isoTime } from '../bundles/manifest';
import { sodium } from '../crypto/sodium';
import { InvalidIdentityError } from '../identity/errors';
import {
  type PublicIdentity,
  fingerprintOf,
  formatIdentity,
  parseIdentity,
} from '../identity/public-identity';
import { canonicalJson } from './canonical';

/**
 * The membership chain (docs/team.md, "Model"): signed, hash-chained events that every member
 * checks before it believes who is in the team.
 */
const HEX32 = /^[0-9a-f]{32}$/;
const HEX64 = /^[0-9a-f]{64}$/;
export const ZERO_HASH = '0'.repeat(64);
const EVENT_CONTEXT = new TextEncoder().encode('tvault-team-event-v1\0');
const TEAM_ID_CONTEXT = new TextEncoder().encode('tvault-team-id\0');

const name = z
  .string()
  .min(1)
  .max(200)
  .refine((s) => s.isWellFormed(), 'is not valid Unicode');

export const signedEventSchema = z.strictObject({
  v: z.literal(1),
  team: z.string().regex(HEX32),
  seq: z.number().int().min(1).max(1_000_000),
  prev: z.string().regex(HEX64),
  type: z.enum(['create', 'add', 'remove']),
  member: z.string().max(1000),
  name,
  by: z.string().max(1000),
  at: isoTime,
  nonce: z.string().regex(HEX32).optional(),
  teamName: name.optional(),
  cutoff: z.number().int().min(0).optional(),
  sig: z.string().max(200),
});

export type SignedEvent = z.infer<typeof signedEventSchema>;
export type MemberEvent = Omit<SignedEvent, 'sig'>;

export interface Member {
  identity: string;
  fingerprint: string;
  name: string;
  /** The event that added it (1 for the creator). */
  since: number;
}

/** Why an event does not extend a chain (a change set carrying it is rejected for it). */
export type EventProblem = 'bad-event' | 'membership-fork';

export function teamIdFor(signingKey: Uint8Array, nonce: string): string {
  const hash = createHash('sha256');
  hash.update(TEAM_ID_CONTEXT);
  hash.update(signingKey);
  hash.update(nonce);
  return hash.digest('hex').slice(0, 32);
}

export function eventHash(event: SignedEvent): string {
  return createHash('sha256').update(canonicalJson(event)).digest('hex');
}

function eventMessage(event: MemberEvent): Uint8Array {
  const body = new TextEncoder().encode(canonicalJson(event));
  const out = new Uint8Array(EVENT_CONTEXT.length + body.length);
  out.set(EVENT_CONTEXT, 0);
  out.set(body, EVENT_CONTEXT.length);
  return out;
}

export function signEvent(event: MemberEvent, sign: (m: Uint8Array) => Uint8Array): SignedEvent {
  return { ...event, sig: Buffer.from(sign(eventMessage(event))).toString('base64') };
}

/** The identity string in its one canonical spelling, or null if it is not one. */
export function canonicalIdentity(text: string): PublicIdentity | null {
  try {
    return parseIdentity(text);
  } catch (error) {
    if (error instanceof InvalidIdentityError) return null;
    throw error;
  }
}

/** The fingerprint of an identity string, or null if it is not one. */
export function fingerprintOfString(text: string): string | null {
  const identity = canonicalIdentity(text);
  return identity ? fingerprintOf(identity) : null;
}

function signatureValid(event: SignedEvent): boolean {
  const by = canonicalIdentity(event.by);
  if (!by) return false;
  const { sig, ...unsigned } = event;
  const signature = Buffer.from(sig, 'base64');
  if (signature.length !== 64) return false;
  return sodium().verifyDetached({
    signature,
    message: eventMessage(unsigned),
    publicKey: by.signingKey,
  });
}

/** The chain as held: events 1..n, and who is a member after each. */
export class MembershipChain {
  readonly #events: SignedEvent[] = [];
  /** members[k] = the members after event k (members[0]: nobody). */
  readonly #members: Map<string, Member>[] = [new Map()];
  /** fingerprint -> the change-set number above which its change sets are refused. */
  readonly #cutoffs = new Map<string, { cutoff: number; at: number }>();

  constructor(events: SignedEvent[] = []) {
    for (const event of events) {
      const problem = this.extend(event);
      if (problem) throw new Error(`stored membership event ${event.seq} is not valid`);
    }
  }

  get length(): number {
    return this.#events.length;
  }

  get teamId(): string | null {
    return this.#events[0]?.team ?? null;
  }

  get teamName(): string | null {
    return this.#events[0]?.teamName ?? null;
  }

  event(seq: number): SignedEvent | undefined {
    return this.#events[seq - 1];
  }

  /** Members after event `epoch` (default: now). */
  members(epoch = this.length): Member[] {
    return [...(this.#members[Math.min(epoch, this.length)] ?? new Map()).values()];
  }

  isMember(fingerprint: string, epoch = this.length): boolean {
    return this.#members[Math.min(epoch, this.length)]?.has(fingerprint) ?? false;
  }

  /** The change-set number above which a removed member's change sets are refused. */
  cutoffOf(fingerprint: string): number | null {
    return this.#cutoffs.get(fingerprint)?.cutoff ?? null;
  }

  /**
   * Appends the event if it is the valid next one; returns why not otherwise (nothing changed).
   * An event equal to the one already at its seq is accepted as a no-op (null).
   */
  extend(event: SignedEvent): EventProblem | null {
    const held = this.#events[event.seq - 1];
    if (held) return eventHash(held) === eventHash(event) ? null : 'membership-fork';
    if (event.seq !== this.length + 1) return 'bad-event';
    const last = this.#events[this.length - 1];
    if (event.prev !== (last ? eventHash(last) : ZERO_HASH)) return 'bad-event';
    if (!signatureValid(event)) return 'bad-event';
    const by = canonicalIdentity(event.by)!;
    const member = canonicalIdentity(event.member);
    if (!member) return 'bad-event';
    const byPrint = fingerprintOf(by);
    const memberPrint = fingerprintOf(member);
    const before = this.#members[this.length]!;
    const after = new Map(before);
    if (event.type === 'create') {
      if (event.seq !== 1 || event.nonce === undefined || event.teamName === undefined)
        return 'bad-event';
      if (memberPrint !== byPrint) return 'bad-event';
      if (event.team !== teamIdFor(by.signingKey, event.nonce)) return 'bad-event';
    } else {
      if (event.seq === 1 || event.team !== this.teamId) return 'bad-event';
      if (!before.has(byPrint)) return 'bad-event';
    }
    if (event.type === 'remove') {
      if (!before.has(memberPrint) || memberPrint === byPrint || event.cutoff === undefined)
        return 'bad-event';
      after.delete(memberPrint);
      this.#cutoffs.set(memberPrint, { cutoff: event.cutoff, at: event.seq });
    } else {
      if (before.has(memberPrint)) return 'bad-event';
      after.set(memberPrint, {
        identity: formatIdentity(member),
        fingerprint: memberPrint,
        name: event.name,
        since: event.seq,
      });
      // Added again after a removal: a new start, its numbers go on from its own counter.
      this.#cutoffs.delete(memberPrint);
    }
    this.#events.push(event);
    this.#members.push(after);
    return null;
  }
}
