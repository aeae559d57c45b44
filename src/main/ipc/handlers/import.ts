import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { InvalidInputError, VaultError } from '../../../shared/errors';
import type {
  ImportFileView,
  ImportPosition,
  ImportPreviewView,
  ImportSummaryView,
  UnreadableReason,
} from '../../../shared/import/types';
import { detectSourceKind } from '../../../core/import/detect';
import type {
  ReportPosition,
  SourceImportOptions,
  SourceImportReport,
} from '../../../core/import/run-import';
import type { HandlerContext, HandlerImpls } from '../context';

type ImportChannels =
  | 'import.chooseFile'
  | 'import.chooseMapping'
  | 'import.chooseFilesFolder'
  | 'import.preview'
  | 'import.start'
  | 'import.cancel';

/** How many records the preview reads, and how many of them it shows as they will be stored. */
export const PREVIEW_RECORDS = 200;
const PREVIEW_SAMPLES = 5;

/** A chosen export and what goes with it, kept in main: the renderer only holds the ticket. */
interface Chosen {
  path: string;
  mappingPath?: string;
  filesDir?: string;
  running?: AbortController;
}

/**
 * The import wizard: thin adapters over src/core/import, like the CLI's `tvault import`. Files
 * and folders are chosen in system dialogs in main and kept behind a ticket until the vault
 * locks; a lock also cancels a running import (its transaction rolls back).
 */
export function importHandlers(ctx: HandlerContext): HandlerImpls<ImportChannels> {
  const { session, dialogs } = ctx;
  const chosen = new Map<string, Chosen>();
  session.onLock(() => {
    for (const entry of chosen.values()) entry.running?.abort();
    chosen.clear();
  });
  const ticketOf = (ticket: string): Chosen => {
    const entry = chosen.get(ticket);
    if (!entry) throw new InvalidInputError('Choose the file again: it is no longer at hand.');
    return entry;
  };
  const optionsOf = (entry: Chosen, request: Request): SourceImportOptions => ({
    path: entry.path,
    from: request.from,
    ...(entry.mappingPath ? { mappingPath: entry.mappingPath } : {}),
    ...(entry.filesDir ? { filesDir: entry.filesDir } : {}),
    ...(request.consentField !== undefined ? { consentField: request.consentField } : {}),
  });

  return {
    'import.chooseFile': async () => {
      session.require();
      const path = await dialogs.openFile('import');
      if (path === null) return null;
      const ticket = randomBytes(16).toString('hex');
      chosen.set(ticket, { path });
      return { ticket, name: basename(path), size: statSync(path).size, ...(await sniff(path)) };
    },
    'import.chooseMapping': async ({ ticket }) => {
      const entry = ticketOf(ticket);
      const path = await dialogs.openFile('mapping');
      if (path === null) return null;
      entry.mappingPath = path;
      return { name: basename(path) };
    },
    'import.chooseFilesFolder': async ({ ticket }) => {
      const entry = ticketOf(ticket);
      const path = await dialogs.chooseFolder('importFiles');
      if (path === null) return null;
      entry.filesDir = path;
      return { name: basename(path) };
    },
    'import.preview': async (request) => {
      const entry = ticketOf(request.ticket);
      const report = await session.require().importSource({
        ...optionsOf(entry, request),
        dryRun: true,
        limit: PREVIEW_RECORDS,
        previewCount: PREVIEW_SAMPLES,
      });
      return previewView(report);
    },
    'import.start': async (request) => {
      const entry = ticketOf(request.ticket);
      if (entry.running) throw new InvalidInputError('This file is being imported already.');
      const controller = new AbortController();
      entry.running = controller;
      try {
        const report = await session.require().importSource({
          ...optionsOf(entry, request),
          signal: controller.signal,
          onProgress: (progress) =>
            ctx.emit('import.progress', { ticket: request.ticket, ...progress }),
        });
        return summaryView(report);
      } finally {
        delete entry.running;
      }
    },
    'import.cancel': ({ ticket }) => {
      chosen.get(ticket)?.running?.abort();
      return null;
    },
  };
}

type Request = { from: SourceImportOptions['from']; consentField?: string | null | undefined };

/** What the file's bytes say; a file no source can read is reported, not thrown. */
async function sniff(
  path: string,
): Promise<Pick<ImportFileView, 'detected' | 'detectedBy' | 'unreadable'>> {
  try {
    const { kind, by } = await detectSourceKind(path);
    return { detected: kind, detectedBy: by, unreadable: null };
  } catch (error) {
    if (!(error instanceof VaultError) || error.code !== 'IMPORT.INVALID_FILE') throw error;
    const reason = error.details.reason as UnreadableReason;
    return { detected: null, detectedBy: null, unreadable: reason };
  }
}

function positionOf(position: ReportPosition): ImportPosition {
  const [unit, at] = Object.entries(position).find(([, v]) => typeof v === 'number')!;
  return { unit: unit as ImportPosition['unit'], at: at! };
}

function rejectedOf(report: SourceImportReport) {
  return report.rejected.map(({ reason, ...position }) => ({
    position: positionOf(position),
    reason,
  }));
}

function previewView(report: SourceImportReport): ImportPreviewView {
  const ownConsent = Object.keys(report.mapping).length === 0;
  return {
    source: report.source,
    read: report.created + report.updated + report.unchanged + report.rejected.length,
    limit: PREVIEW_RECORDS,
    created: report.created,
    updated: report.updated,
    unchanged: report.unchanged,
    rejected: rejectedOf(report),
    withoutConsent: report.withoutConsent,
    mapping: report.mapping as Record<string, string[]>,
    sourceFields: report.sourceFields,
    unmapped: report.unmapped,
    gathered: report.gathered,
    consentField: report.mapping['consent.status']?.[0] ?? null,
    ownConsent,
    samples: report.preview.map(({ position, fields, files }) => ({
      position: positionOf(position),
      title: fields.title,
      lang: fields.lang,
      consent: fields.consent.status,
      files,
    })),
    missingFiles: report.attachments.problems.length,
  };
}

function summaryView(report: SourceImportReport): ImportSummaryView {
  return {
    source: report.source,
    created: report.created,
    updated: report.updated,
    unchanged: report.unchanged,
    rejected: rejectedOf(report),
    withoutConsent: report.withoutConsent,
    attached: report.attachments.attached,
    missingFiles: report.attachments.problems.map(({ file, reason, ...position }) => ({
      position: positionOf(position),
      file,
      reason,
    })),
    ids: report.ids,
  };
}
