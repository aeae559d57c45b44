import { readFileSync } from 'node:fs';
import type { CustodyReport } from '../../shared/custody/types';
import { InvalidInputError, VaultError } from '../../shared/errors';
import { loadSodium, sodium } from '../crypto/sodium';
import { fingerprintOf, parseIdentity } from '../identity/public-identity';
import type { Vault } from '../vault/vault';
import { revisionDigest } from './revision-digest';

/**
 * One record's custody report (docs/custody.md): its revisions (time and SHA-256), its files
 * (name, size, SHA-256), every entry of the log about it, and the log's head, signed by the
 * vault's Ed25519 identity. The signature is detached, over
 *   "tvault custody report v1\n" || the exact bytes of the JSON file,
 * so anyone can check it with the identity string inside the report, and then compare that
 * identity's fingerprint with the one they know (out of band, as for bundles).
 */
export const REPORT_FORMAT = 'testimony-vault-custody-report';
const SIGNATURE_CONTEXT = 'tvault custody report v1\n';

export type { CustodyReport };

export interface ReportSignature {
  signer: string;
  fingerprint: string;
  signature: string;
}

function signedBytes(json: Uint8Array): Uint8Array {
  const prefix = new TextEncoder().encode(SIGNATURE_CONTEXT);
  const out = new Uint8Array(prefix.length + json.length);
  out.set(prefix);
  out.set(json, prefix.length);
  return out;
}

/** Builds and signs the report; the caller writes both files. */
export function makeCustodyReport(
  vault: Vault,
  recordId: string,
): { json: string; signature: string; report: CustodyReport } {
  const revisions = vault.records.revisions(recordId);
  const head = revisions[revisions.length - 1]!;
  const report: CustodyReport = {
    format: REPORT_FORMAT,
    version: 1,
    madeAt: new Date().toISOString(),
    vault: {
      id: vault.vaultId,
      identity: vault.identity.identityString(),
      fingerprint: vault.identity.fingerprint(),
    },
    record: {
      id: recordId,
      title: head.title,
      lang: head.lang,
      revisions: revisions.map((r) => ({
        revision: r.revision,
        updatedAt: r.updatedAt,
        sha256: revisionDigest(r),
      })),
      files: vault.attachments.list(recordId).map((a) => ({
        id: a.id,
        name: a.name,
        mime: a.mime,
        size: a.size,
        sha256: a.sha256,
        addedAt: a.addedAt,
      })),
    },
    entries: [...vault.custody.entriesOf(recordId)],
    log: vault.custody.head(),
  };
  const json = `${JSON.stringify(report, null, 2)}\n`;
  const bytes = new TextEncoder().encode(json);
  const sig: ReportSignature = {
    signer: report.vault.identity,
    fingerprint: report.vault.fingerprint,
    signature: Buffer.from(vault.identity.sign(signedBytes(bytes))).toString('base64'),
  };
  return { json, signature: `${JSON.stringify(sig, null, 2)}\n`, report };
}

/** Checks a report file against its detached signature (FILE.sig); no vault needed. */
export async function verifyCustodyReport(
  reportPath: string,
  signaturePath = `${reportPath}.sig`,
): Promise<{ report: CustodyReport; fingerprint: string }> {
  await loadSodium();
  let bytes: Buffer;
  let sig: ReportSignature;
  try {
    bytes = readFileSync(reportPath);
    sig = JSON.parse(readFileSync(signaturePath, 'utf8')) as ReportSignature;
  } catch {
    throw new InvalidInputError(`Cannot read ${reportPath} and its signature ${signaturePath}.`);
  }
  let report: CustodyReport;
  try {
    report = JSON.parse(bytes.toString('utf8')) as CustodyReport;
  } catch {
    throw new VaultError('INTEGRITY.FAILED', `${reportPath} is not a custody report.`);
  }
  if (report?.format !== REPORT_FORMAT || typeof sig?.signature !== 'string')
    throw new VaultError('INTEGRITY.FAILED', `${reportPath} is not a custody report.`);
  let identity;
  try {
    identity = parseIdentity(report.vault.identity);
  } catch {
    throw new VaultError('INTEGRITY.FAILED', 'The report names no valid signer identity.');
  }
  const signature = Buffer.from(sig.signature, 'base64');
  const ok =
    signature.length === 64 &&
    sig.signer === report.vault.identity &&
    sodium().verifyDetached({
      signature,
      message: signedBytes(bytes),
      publicKey: identity.signingKey,
    });
  if (!ok)
    throw new VaultError(
      'INTEGRITY.FAILED',
      'The custody report does not match its signature: it was altered, or signed by someone else.',
    );
  return { report, fingerprint: fingerprintOf(identity) };
}
