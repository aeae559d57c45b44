import { z } from 'zod';
import { isoTime } from '../bundles/manifest';
import { signedEventSchema } from './membership';

/**
 * A team change set (docs/team.md, "Change sets"): the bundle container with its own magic and
 * signature context, a manifest of its own and one content, the changes, then zero padding.
 */
export const CHANGESET_MAGIC = new Uint8Array([0x54, 0x56, 0x43, 0x48, 0x41, 0x4e, 0x47, 0x45]); // TVCHANGE
export const CHANGESET_SIGNATURE_CONTEXT = new TextEncoder().encode(
  'tvault-changeset-v1 signature\0',
);
export const CHANGESET_SUFFIX = '.tvcs';
/** `<64 hex>.tvcs`: the only names a team folder's reader looks at. */
export const CHANGESET_NAME = /^([0-9a-f]{64})\.tvcs$/;
/** A change set is read whole into memory: refused above this (writers split long before). */
export const MAX_CHANGESET_BYTES = 80 * 1024 * 1024;
/** Writers start a new change set past this many bytes of changes (or revisions, below). */
export const SPLIT_CHANGES_BYTES = 8 * 1024 * 1024;
export const SPLIT_REVISIONS = 2000;
/** ... and past this many attachments (each waits for all its chunk files). */
export const SPLIT_ATTACHMENTS = 100;
const MIN_PADDED_BYTES = 4096;

const HEX32 = /^[0-9a-f]{32}$/;
const HEX64 = /^[0-9a-f]{64}$/;

export const changeSetManifestSchema = z.strictObject({
  sender: z.string().max(1000),
  format: z.literal('tvault-changeset'),
  // 2: the changes may list detached attachments (a reader of version 1 refuses those).
  version: z.union([z.literal(1), z.literal(2)]),
  team: z.string().regex(HEX32),
  changeSetId: z.string().regex(HEX32),
  seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  epoch: z.number().int().min(1).max(1_000_000),
  createdAt: isoTime,
  size: z.number().int().min(2).max(MAX_CHANGESET_BYTES),
  sha256: z.string().regex(HEX64),
  padding: z.number().int().min(0).max(MAX_CHANGESET_BYTES),
});

export type ChangeSetManifest = z.infer<typeof changeSetManifestSchema>;

export const teamRevisionSchema = z
  .strictObject({
    id: z.string().regex(HEX32),
    record: z.string().regex(HEX32),
    parents: z.array(z.string().regex(HEX32)).max(256),
    deleted: z.boolean(),
    // Checked as a record's fields (validateFields) when applied.
    fields: z.record(z.string(), z.unknown()).optional(),
    createdAt: isoTime.optional(),
    updatedAt: isoTime,
  })
  .refine(
    (r) => (r.deleted ? r.fields === undefined : r.fields !== undefined && !!r.createdAt),
    'an edit carries fields and createdAt; a tombstone neither',
  );

export type TeamRevision = z.infer<typeof teamRevisionSchema>;

/** Largest attachment a change set may announce (1 TiB): sizes stay exact JS integers. */
const MAX_ATTACHMENT_BYTES = 2 ** 40;

/**
 * An attachment carried by a change set (docs/team.md, "Attachments"): its metadata, its team
 * key and the names of its chunk files in order. Name, description and times are checked by
 * the attachment store when it is ingested.
 */
export const teamAttachmentSchema = z.strictObject({
  id: z.string().regex(HEX32),
  record: z.string().regex(HEX32),
  key: z.string().regex(HEX64),
  name: z.string().max(4096),
  mime: z.string().max(255),
  description: z.string().max(100_000),
  modifiedAt: isoTime.nullable(),
  size: z.number().int().min(0).max(MAX_ATTACHMENT_BYTES),
  sha256: z.string().regex(HEX64),
  padded: z
    .number()
    .int()
    .min(0)
    .max(2 * MAX_ATTACHMENT_BYTES),
  chunks: z.array(z.string().regex(HEX64)).max(600_000),
});

export type TeamAttachment = z.infer<typeof teamAttachmentSchema>;

/** An attachment detached from a record that stays (docs/team.md, "Detaching a file"). */
export const teamDetachSchema = z.strictObject({
  id: z.string().regex(HEX32),
  record: z.string().regex(HEX32),
});

export type TeamDetach = z.infer<typeof teamDetachSchema>;

export const changesSchema = z.strictObject({
  events: z.array(signedEventSchema).max(10_000),
  revisions: z.array(teamRevisionSchema).max(100_000),
  // Absent when there are none (change sets written before attachments travelled).
  attachments: z.array(teamAttachmentSchema).max(10_000).optional(),
  // Absent when there are none; present only in version 2.
  detached: z.array(teamDetachSchema).min(1).max(10_000).optional(),
});

/** The manifest version a change set with these changes is written in (the oldest that fits). */
export function versionFor(changes: Changes): 1 | 2 {
  return changes.detached ? 2 : 1;
}

export type Changes = z.infer<typeof changesSchema>;

/**
 * Padmé (Nikitin et al., "Reducing metadata leakage from encrypted files", PETS 2019): rounds
 * a length up so that only O(log log L) bits of it show, at most 12 % more; at least 4 KiB.
 */
export function paddedLength(length: number): number {
  const l = Math.max(length, MIN_PADDED_BYTES);
  const e = Math.floor(Math.log2(l));
  const s = Math.floor(Math.log2(e)) + 1;
  const lastBits = e - s;
  const step = 2 ** lastBits;
  return Math.ceil(l / step) * step;
}
