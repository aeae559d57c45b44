/**
 * Record dates: YYYY, YYYY-MM or YYYY-MM-DD (a testimony often knows only the year or month).
 * Kept apart from validate.ts (zod) so the renderer can check a date being typed cheaply.
 */
export const PARTIAL_DATE = /^\d{4}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$/;

/** A full date names a day that exists (no 2023-02-29); a year or a month alone always does. */
export function isRealDate(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number);
  if (m === undefined || d === undefined) return true;
  const date = new Date(Date.UTC(y!, m - 1, d));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** What a record date may be: the form, and a real year, month or day. */
export function isPartialDate(value: string): boolean {
  return PARTIAL_DATE.test(value) && isRealDate(value);
}
