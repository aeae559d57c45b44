/**
 * How every pdf.js worker of ours opens a file it cannot trust (PDF text and PDF page OCR alike):
 * no nested pdf.js worker fetching anything, no `eval` of PostScript functions, no fonts loaded
 * into the process or looked up on the system, recover from errors instead of stopping, quiet.
 * One place, so that a setting that matters for hostile files cannot differ between the workers.
 */
export const UNTRUSTED_PDF_OPTIONS = {
  useWorkerFetch: false,
  isEvalSupported: false,
  disableFontFace: true,
  useSystemFonts: false,
  stopAtErrors: false,
  verbosity: 0,
} as const;
