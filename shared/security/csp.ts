/**
 * The app's Content-Security-Policy (DESIGN.md §6). One source for the response header main
 * sets on app:// pages, the <meta> the build writes into index.html, and the e2e server.
 * No 'unsafe-inline' or 'unsafe-eval' anywhere; images may come from blob:/data: because
 * thumbnails and previews are made in the page from evidence bytes.
 */
const DIRECTIVES: readonly (readonly [string, string])[] = [
  ['default-src', "'none'"],
  ['script-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', "'self' blob: data:"],
  ['font-src', "'self'"],
  ['connect-src', "'self'"],
  ['worker-src', "'self'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['object-src', "'none'"],
];

/** frame-ancestors is ignored (with a console warning) inside <meta>, so only the header carries it. */
const HEADER_ONLY: readonly (readonly [string, string])[] = [['frame-ancestors', "'none'"]];

const join = (pairs: readonly (readonly [string, string])[]): string =>
  pairs.map(([name, value]) => `${name} ${value}`).join('; ');

export const CSP_META = join(DIRECTIVES);
export const CSP_HEADER = join([...DIRECTIVES, ...HEADER_ONLY]);
