import { randomBytes } from 'node:crypto';
import { InvalidInputError } from '../../../shared/errors';
import type {
  ExportPreviewView,
  ExportRecordFiles,
  ExportRequestInput,
  PartnerView,
} from '../../../shared/ipc/types';
import {
  type ExportPreview,
  assertExportAllowed,
  exportBundle,
  inspectBundle,
  previewExport,
  receiveBundle,
  reviewRecords,
} from '../../../core/bundles';
import type { Partner } from '../../../core/partners/partner-store';
import type { Vault } from '../../../core/vault/vault';
import { safeSaveName } from '../../file-names';
import type { HandlerContext, HandlerImpls } from '../context';

type SharingChannels =
  | 'sharing.identity'
  | 'sharing.copyIdentity'
  | 'partners.list'
  | 'partners.add'
  | 'partners.verify'
  | 'partners.remove'
  | 'bundles.preview'
  | 'bundles.export'
  | 'bundles.open'
  | 'bundles.receive';

/** How many records the export review shows as they will read at the partner's. */
const SAMPLES = 20;
const EXCERPT_CHARS = 400;

function partnerView(p: Partner): PartnerView {
  return {
    name: p.name,
    identity: p.identity,
    fingerprint: p.fingerprint,
    verified: p.verified,
    addedAt: p.addedAt,
    verifiedAt: p.verifiedAt,
  };
}

function coreRequest(request: ExportRequestInput) {
  return {
    ...request.selection,
    to: request.to,
    includeIdentities: request.includeIdentities,
    withHistory: request.withHistory,
    ...(request.leaveOut ? { leaveOut: request.leaveOut } : {}),
    keepMetadata: request.keepMetadata === true,
  };
}

/**
 * The review of an export: every record checked for forms the redaction leaves; the first
 * SAMPLES shown as the partner will read them, with exactly what is replaced.
 */
function reviewOf(
  vault: Vault,
  preview: ExportPreview,
  includeIdentities: boolean,
  titles: Map<string, string>,
): Pick<ExportPreviewView, 'samples' | 'warnings'> {
  const reviews = reviewRecords(vault, preview.records, includeIdentities);
  return {
    samples: reviews.slice(0, SAMPLES).map(({ record, redacted, replaced }) => ({
      id: record.id,
      title: record.title,
      narrator: record.narrator,
      excerpt: record.body.slice(0, EXCERPT_CHARS),
      redacted,
      replaced,
    })),
    warnings: reviews.flatMap(({ record, missed }) =>
      missed.map((m) => ({ id: record.id, title: titles.get(record.id) ?? '', ...m })),
    ),
  };
}

/** The files of the exported records, grouped by record (all of them: none is left out yet). */
function filesOf(preview: ExportPreview, titles: Map<string, string>): ExportRecordFiles[] {
  const groups = new Map<string, ExportRecordFiles>();
  for (const f of preview.files) {
    let group = groups.get(f.recordId);
    if (!group) {
      group = { recordId: f.recordId, title: titles.get(f.recordId) ?? '', files: [] };
      groups.set(f.recordId, group);
    }
    group.files.push({
      id: f.id,
      name: f.name,
      mime: f.mime,
      size: f.size,
      sentAs: f.sending,
      identifying: f.identifying,
    });
  }
  return [...groups.values()];
}

function bundleName(now: Date): string {
  return `testimonies-${now.toISOString().slice(0, 10)}.tvb`;
}

/**
 * Sharing with partners: thin adapters over src/core/bundles, src/core/partners and the vault's
 * identity, like the CLI's sharing commands. Files are chosen in system dialogs in main; the
 * renderer never names a path. An opened bundle is kept as a ticket until imported or locked.
 */
export function sharingHandlers(ctx: HandlerContext): HandlerImpls<SharingChannels> {
  const { session, dialogs } = ctx;
  const opened = new Map<string, string>();
  session.onLock(() => opened.clear());

  return {
    'sharing.identity': () => {
      const vault = session.require();
      return {
        identity: vault.identity.identityString(),
        fingerprint: vault.identity.fingerprint(),
      };
    },
    'sharing.copyIdentity': () => {
      ctx.clipboard.writeText(session.require().identity.identityString());
      return null;
    },
    'partners.list': () => session.require().partners.list().map(partnerView),
    'partners.add': ({ name, identity }) =>
      partnerView(session.require().partners.add(name, identity)),
    'partners.verify': ({ name }) => partnerView(session.require().partners.verify(name)),
    'partners.remove': ({ name }) => {
      session.require().partners.remove(name);
      return null;
    },
    'bundles.preview': (request) => {
      const vault = session.require();
      const preview = previewExport(vault, coreRequest(request));
      const titles = new Map(vault.records.list().map((s) => [s.id, s.title]));
      return {
        recipients: preview.recipients,
        records: preview.records.length,
        attachments: preview.attachments,
        refused: preview.refused.map((r) => ({
          id: r.id,
          title: titles.get(r.id) ?? '',
          reason: r.reason,
        })),
        needsConfirmation: preview.needsConfirmation,
        ...reviewOf(vault, preview, request.includeIdentities, titles),
        files: filesOf(preview, titles),
      };
    },
    'bundles.export': async ({ confirmed, ...request }) => {
      const vault = session.require();
      // Refusals (consent, unverified partners) are reported before any dialog opens.
      assertExportAllowed(previewExport(vault, coreRequest(request)), confirmed);
      const out = await dialogs.saveFile(safeSaveName(bundleName(new Date())), 'bundle');
      if (out === null) return null;
      const result = await exportBundle(session.require(), {
        ...coreRequest(request),
        out,
        // The save dialog already asked whether to replace an existing file.
        force: true,
        confirmed,
        onProgress: (done, total) => ctx.emit('bundles.progress', { phase: 'write', done, total }),
      });
      return {
        path: result.bundle,
        records: result.records,
        attachments: result.attachments,
        refused: result.refused.length,
        size: result.size,
      };
    },
    'bundles.open': async () => {
      const vault = session.require();
      const path = await dialogs.openBundle();
      if (path === null) return null;
      const report = await inspectBundle(vault, path);
      const ticket = randomBytes(16).toString('hex');
      opened.set(ticket, path);
      if (!report.recipient) return { ticket, report };
      return {
        ticket,
        report: {
          recipient: true,
          size: report.size,
          from: report.from,
          fingerprint: report.fingerprint,
          partnerVerified: report.partnerVerified,
          createdAt: report.createdAt,
          records: report.records,
          revisions: report.revisions,
          attachments: report.attachments,
          redacted: report.redacted,
          history: report.history,
          alreadyReceived: report.alreadyReceived,
        },
      };
    },
    'bundles.receive': async ({ ticket, acceptUnknownSender }) => {
      const vault = session.require();
      const path = opened.get(ticket);
      if (!path) throw new InvalidInputError('Open the bundle again: it is no longer at hand.');
      const result = await receiveBundle(vault, path, {
        ...(acceptUnknownSender !== undefined ? { acceptUnknownSender } : {}),
        onProgress: (phase, done, total) => ctx.emit('bundles.progress', { phase, done, total }),
      });
      opened.delete(ticket);
      return {
        from: result.from,
        records: result.records,
        attachments: result.attachments,
        duplicates: result.duplicates,
        alreadyReceived: result.alreadyReceived,
      };
    },
  };
}
