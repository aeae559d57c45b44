import { IntegrityError } from '../../shared/errors';

/**
 * Errors of the attachment module. File names and paths come from outside: the file-system
 * errors (src/core/fs/errors.ts) escape them before they go into a message.
 */
export { FileIoError, isNodeError, printable } from '../fs/errors';

/** Blob or row of an attachment failed authentication or has the wrong shape. */
export function attachmentIntegrity(
  id: string,
  reason: string,
  extra: Record<string, unknown> = {},
) {
  return new IntegrityError(`attachment ${id}`, { id, reason, ...extra });
}
