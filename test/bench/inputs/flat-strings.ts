/**
 * Makes every string in `value` flat, as the strings of lines read from the
 * ledger (SQLite) are. A string the generator joined from parts is a rope
 * in V8 until something reads it, and the first read copies it into one
 * piece: that fell to the first build measured (its first scan of each
 * text), a cost the app, whose lines come from SQLite, never has. Number()
 * reads the whole string and flattens it where it is, so payees shared by
 * several lines stay shared. For plain data without cycles (an object met
 * twice is walked twice; a set of every object would weigh more than the
 * million lines' strings).
 */
export function flattenStrings(value: unknown): void {
  if (typeof value === 'string') {
    void Number(value);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const v of Object.values(value)) flattenStrings(v);
}
