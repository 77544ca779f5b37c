/**
 * The renderer's Content Security Policy: scripts, styles and connections only
 * from the app's own origin, no inline script, no eval, no plugins, no
 * framing. Used by the production build (meta tag), the Electron session and
 * the browser host (response header).
 */
export const STRICT_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
