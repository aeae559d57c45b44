import type { Provenance } from '../../shared/records/types';
import { sodium } from '../crypto/sodium';
import type { Vault } from '../vault/vault';
import { BATCH_FILES, BlobSyncBatch } from '../attachments/blob-sync-batch';
import { fileSha256 } from '../custody/file-hash';
import { openBundle } from './bundle-reader';
import { BundleIntegrityError } from './errors';
import type { RecordEntry } from './manifest';
import { decodeRevision } from './record-json';
import { type VerifiedBundle, checkAttachmentEntry, collect, verifyBundle } from './verify';

export interface ReceiveOptions {
  /** Accept a sender who is not a partner, if this is their fingerprint (compared out of band). */
  acceptUnknownSender?: string;
  /** Progress over the file, in two phases: verification, then import. */
  onProgress?: (phase: 'verify' | 'import', bytesDone: number, bytesTotal: number) => void;
  signal?: AbortSignal;
}

export interface ReceiveResult {
  /** The partner's name, or the sender's fingerprint when accepted without being a partner. */
  from: string;
  senderFingerprint: string;
  bundleId: string;
  /** Records added, or given newer revisions. */
  records: number;
  attachments: number;
  /** Records already held at the same (or a newer) revision, so nothing was added. */
  duplicates: number;
  /** The bundle was received before: nothing was applied again. */
  alreadyReceived: boolean;
}

/** Name used in provenance for a sender accepted by fingerprint rather than as a partner. */
export const UNKNOWN_SENDER = 'unknown sender';

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && sodium().equal(a, b);
}

/**
 * Imports a bundle addressed to this vault, in two passes over the file:
 *
 * 1. verify (writes nothing): header, signature, sender, every chunk and entry, the end;
 * 2. apply, inside one write transaction: records are inserted with their original ids and
 *    times and this vault's provenance, attachments are streamed through the attachment store
 *    (which checks their SHA-256 again), and the stream is re-authenticated as it goes. Only when
 *    the whole bundle has been read again and matched does the transaction commit.
 *
 * Any failure in pass 2 (the file changed between passes, the disk filled) rolls the
 * transaction back and deletes the blobs written so far: the vault is as it was. Because the
 * write transaction spans awaits, nothing else may write to this vault meanwhile (the CLI does
 * one thing at a time; the app serialises vault operations).
 */
export async function receiveBundle(
  vault: Vault,
  path: string,
  options: ReceiveOptions = {},
): Promise<ReceiveResult> {
  const verified = await verifyBundle(vault, path, {
    requireKnownSender: true,
    ...(options.acceptUnknownSender !== undefined
      ? { acceptUnknownSender: options.acceptUnknownSender }
      : {}),
    ...(options.onProgress
      ? { onProgress: (done, total) => options.onProgress!('verify', done, total) }
      : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const from = verified.partner?.name ?? verified.senderFingerprint;
  const base = {
    from,
    senderFingerprint: verified.senderFingerprint,
    bundleId: verified.manifest.bundleId,
  };
  if (vault.receivedBundles.find(verified.manifest.bundleId)) {
    return {
      ...base,
      records: 0,
      attachments: 0,
      duplicates: verified.counts.records,
      alreadyReceived: true,
    };
  }
  const result = await apply(vault, path, verified, options);
  vault.search.refreshIfLoaded();
  return { ...base, ...result, alreadyReceived: false };
}

async function apply(
  vault: Vault,
  path: string,
  verified: VerifiedBundle,
  options: ReceiveOptions,
): Promise<{ records: number; attachments: number; duplicates: number }> {
  const provenance: Provenance = {
    partner: verified.partner?.name ?? UNKNOWN_SENDER,
    senderFingerprint: verified.senderFingerprint,
    bundleId: verified.manifest.bundleId,
    receivedAt: new Date().toISOString(),
  };
  // The received file's hash, for the custody log (the sender logged the same one).
  const bundleSha256 = await fileSha256(path);
  const changed = new Set<string>();
  const seen = new Set<string>();
  const ingested: string[] = [];
  // Small blobs are synced in batches, all before the commit (blob-sync-batch.ts).
  const syncBatch = new BlobSyncBatch(vault.blobsDir);
  try {
    return await vault.transactionAcrossAwaits(async () => {
      const bundle = await openBundle(path, vault.identity, {
        ...(options.onProgress
          ? { onProgress: (done, total) => options.onProgress!('import', done, total) }
          : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      try {
        // The same header means the same file key, hence (authenticated) the same payload as the
        // one verified in pass 1.
        if (!sameBytes(bundle.header, verified.header)) {
          throw new BundleIntegrityError('the file changed while it was being received');
        }
        for await (const { entry, content } of bundle.entries()) {
          if (entry.kind === 'record') {
            const revision = await decodeRevision(
              await collect(content, entry.size),
              entry as RecordEntry,
            );
            seen.add(revision.id);
            if (vault.receiveRevision(revision, provenance)) changed.add(revision.id);
          } else {
            checkAttachmentEntry(entry);
            if (vault.attachments.has(entry.id)) continue; // already held: the reader drains and checks the content
            ingested.push(entry.id);
            await vault.attachments.attachStream(
              entry.recordId,
              content,
              {
                id: entry.id,
                name: entry.name,
                mime: entry.mime,
                modifiedAt: entry.modifiedAt,
                description: entry.description,
                expectedSha256: entry.sha256,
                expectedSize: entry.size,
              },
              { syncBatch, ...(options.signal ? { signal: options.signal } : {}) },
            );
            changed.add(entry.recordId);
            if (syncBatch.pending >= BATCH_FILES) await syncBatch.flush();
          }
        }
      } finally {
        await bundle.close();
      }
      await syncBatch.flush();
      const attachments = ingested.length;
      const records = [...seen].filter((id) => changed.has(id)).length;
      vault.receivedBundles.record({
        bundleId: verified.manifest.bundleId,
        partner: provenance.partner,
        senderFingerprint: verified.senderFingerprint,
        receivedAt: provenance.receivedAt,
        records,
        attachments,
      });
      vault.noteCustody({
        action: 'bundle.received',
        records: [...seen],
        detail: {
          bundle: verified.manifest.bundleId,
          sha256: bundleSha256,
          from: verified.senderFingerprint,
          partner: provenance.partner,
          sentAt: verified.manifest.createdAt,
          records,
          attachments,
        },
      });
      return { records, attachments, duplicates: seen.size - records };
    });
  } catch (error) {
    // The rows rolled back: their blobs must go too.
    vault.attachments.discardUncommitted(ingested);
    throw error;
  }
}
