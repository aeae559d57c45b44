import { IntegrityError, VaultError } from '../../shared/errors';

/**
 * Errors of the attachment module. File names and paths come from outside (a hostile name can
 * hold control or bidi characters): they are escaped before they go into a message.
 */

// Matching control characters is the point (no-control-regex is off for this file: eslint.config.js).
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** A path or name made safe to print on one line (control and bidi characters escaped). */
export function printable(text: string, max = 300): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return cut.replace(UNSAFE, (ch) => `\\u{${ch.codePointAt(0)!.toString(16)}}`);
}

/** A file outside the vault could not be read or written (missing, not a file, disk full…). */
export class FileIoError extends VaultError {
  constructor(what: string, path: string, cause?: unknown) {
    const reason =
      typeof cause === 'string' ? cause : (cause as { code?: string } | undefined)?.code;
    super('FILE.IO', `${what}: ${printable(path)}${reason ? ` (${reason})` : ''}.`, {
      path,
      ...(reason ? { reason } : {}),
    });
  }
}

/** Blob or row of an attachment failed authentication or has the wrong shape. */
export function attachmentIntegrity(
  id: string,
  reason: string,
  extra: Record<string, unknown> = {},
) {
  return new IntegrityError(`attachment ${id}`, { id, reason, ...extra });
}

export function isNodeError(error: unknown, ...codes: string[]): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && codes.includes(code);
}
