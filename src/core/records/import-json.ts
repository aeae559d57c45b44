import { InvalidInputError } from '../../shared/errors';
import { jsonShapeFault } from '../bundles/json-depth';

/**
 * Limits on one JSON value from an import file (a JSONL line, a CSV tags cell, a mapping file),
 * checked by one byte scan before JSON.parse (docs/security.md, "Hostile inputs"). JSON.parse
 * of a 4 MiB line of two million nested arrays held the main thread for minutes (found by the
 * hostile bench: 319 s, 359 MiB), and what a parse builds grows with the number of values. A
 * record nests three levels at most (the object, consent, a list of tags) and holds a few dozen
 * values; a source export's record a few hundred.
 */
export const MAX_IMPORT_JSON_DEPTH = 16;
export const MAX_IMPORT_JSON_VALUES = 100_000;

/** The rule a value breaks, as a rejection reason (it quotes nothing from the file). */
export function importJsonFault(text: string): string | null {
  const fault = jsonShapeFault(
    Buffer.from(text, 'utf8'),
    MAX_IMPORT_JSON_DEPTH,
    MAX_IMPORT_JSON_VALUES,
  );
  if (fault === 'depth') return `nests deeper than ${MAX_IMPORT_JSON_DEPTH} levels`;
  if (fault === 'values')
    return `holds more than ${MAX_IMPORT_JSON_VALUES.toLocaleString('en-US')} values`;
  return null;
}

/**
 * JSON.parse of an imported value once it passed the scan: INPUT.INVALID naming the broken
 * limit, else JSON.parse's SyntaxError for text that is not JSON.
 */
export function parseImportJson(text: string): unknown {
  const fault = importJsonFault(text);
  if (fault) throw new InvalidInputError(fault);
  return JSON.parse(text) as unknown;
}
