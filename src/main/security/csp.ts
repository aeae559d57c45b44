/**
 * The Content-Security-Policy of the app's pages. Nothing remote, no inline script, no eval:
 * even if stored text ever reached the DOM as markup, it could not run or phone home. Media
 * (evidence previews) comes only from the media origin; workers (search, PDF) only from the app.
 * WebAssembly is not allowed either: pdf.js falls back to JavaScript decoders without it.
 */
export interface CspOrigins {
  /** Where the media protocol lives (tvault-media://attachment in the app). */
  media: string;
}

export function contentSecurityPolicy(origins: CspOrigins): string {
  const directives: [string, ...string[]][] = [
    ['default-src', "'none'"],
    ['script-src', "'self'"],
    ['style-src', "'self'"],
    ['font-src', "'self'"],
    ['img-src', "'self'", 'blob:', origins.media],
    ['media-src', origins.media],
    ['connect-src', "'self'", origins.media],
    ['worker-src', "'self'"],
    ['manifest-src', "'none'"],
    ['frame-src', "'none'"],
    ['child-src', "'none'"],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
    ['frame-ancestors', "'none'"],
  ];
  return directives.map((parts) => parts.join(' ')).join('; ');
}

/** Headers every page response of the app protocol carries. */
export function pageSecurityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  };
}
