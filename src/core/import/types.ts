export { SOURCE_KINDS, type SourceKind } from '../../shared/import/types';

/**
 * What every source adapter yields: one item per record of the export, in file order, either a
 * record (its stable id in the source, its fields as the source names them, the attachment
 * file names it lists) or a per-record error. Positions are what a person can find in the file:
 * a line for text formats, a record (1-based) or a row for XML and spreadsheets. Errors name the
 * rule, never text from the file.
 */
export interface SourcePosition {
  /** "line" for CSV/JSONL, "row" for spreadsheets, "record" for XML bulletins. */
  unit: 'line' | 'row' | 'record';
  at: number;
}

/**
 * A source field's value: text, or several texts (multi-select, repeated elements); JSONL
 * values keep their JSON type (the testimony JSONL format has arrays and objects).
 */
export type SourceValue = unknown;

export interface SourceRecord {
  position: SourcePosition;
  /** The record's stable id in its source (re-imports update it), or null when it has none. */
  sourceId: string | null;
  /** Source field name -> value, in source order. Empty values are left out. */
  fields: Map<string, SourceValue>;
  /** Attachment file names the record lists (as written in the export, not yet checked). */
  files: string[];
}

export interface SourceError {
  position: SourcePosition;
  error: string;
}

export type SourceItem = SourceRecord | SourceError;

export function isSourceError(item: SourceItem): item is SourceError {
  return 'error' in item;
}

/** "line 12", "record 3": how positions appear in reports. */
export function describePosition(position: SourcePosition): string {
  return `${position.unit} ${position.at}`;
}
