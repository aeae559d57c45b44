/**
 * File names shown on one line: every invisible character (bidi overrides, zero-width
 * characters, U+061C, U+2028...) is shown as a visible code point instead of acting. The rules
 * live in src/shared/text/format-chars.ts, shared with main's save-dialog names.
 */
export { visibleName } from '../../../shared/text/format-chars';
