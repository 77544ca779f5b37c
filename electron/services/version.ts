// Kept by hand in step with package.json; a test checks they agree.
export const APP_VERSION = '0.1.0';

/** How Kontor introduces itself to a bank server (the EBICS transport's User-Agent). */
export const EBICS_USER_AGENT = `Kontor/${APP_VERSION} (EBICS client)`;
