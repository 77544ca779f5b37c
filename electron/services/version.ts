// Kept by hand in step with package.json; a test checks they agree.
export const APP_VERSION = '0.1.0';
