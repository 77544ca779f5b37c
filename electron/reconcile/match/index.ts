/** The matching engine: `matchLines(lines, entries, payments, options?)` → proposals. */
export { matchLines } from './engine';
export { normaliseIban, normaliseName, referenceKey } from './normalise';
export type * from './types';
