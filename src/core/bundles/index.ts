/**
 * Sharing with trusted partners (docs/bundle-format.md): the use cases the adapters (the CLI,
 * the app's IPC handlers) call. The vault's identity and partners are `vault.identity` and
 * `vault.partners`.
 */
export {
  type ExportOptions,
  type ExportPreview,
  type ExportRequest,
  type ExportResult,
  type FileToSend,
  assertExportAllowed,
  describeRefusals,
  exportBundle,
  previewExport,
} from './export';
export { type InspectReport, inspectBundle } from './inspect';
export { type ReceiveOptions, type ReceiveResult, UNKNOWN_SENDER, receiveBundle } from './receive';
export { REFUSAL_TEXT, type RefusalReason } from './consent';
export type { Refusal } from './errors';
export { type RecordReview, reviewRecords } from './review';
