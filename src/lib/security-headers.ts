/**
 * The Content-Security-Policy the site works under, and the other headers the intranet server
 * should send (README, Hosting). No inline script or handler; DuckDB-WASM needs
 * 'wasm-unsafe-eval' and runs in a worker loaded from the site's own files; charts are drawn to
 * PNG through blob: images; Plot and the print header use inline styles.
 */
const POLICY: readonly (readonly [string, string])[] = [
  ['default-src', "'self'"],
  ['script-src', "'self' 'wasm-unsafe-eval'"],
  ['worker-src', "'self'"],
  ['style-src', "'self' 'unsafe-inline'"],
  ['img-src', "'self' data: blob:"],
  ['font-src', "'self' data:"],
  ['connect-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'self'"],
  ['form-action', "'self'"],
];

/** For the page's own <meta http-equiv>: frame-ancestors has no effect there. */
export const PAGE_CSP = POLICY.map(([name, value]) => `${name} ${value}`).join('; ');

/** For the server's Content-Security-Policy header. */
const SERVER_CSP = `${PAGE_CSP}; frame-ancestors 'self'`;

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': SERVER_CSP,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'SAMEORIGIN',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};
