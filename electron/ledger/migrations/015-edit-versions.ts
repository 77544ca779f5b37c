/**
 * Optimistic versions on the records people edit in forms (docs/teams.md,
 * "Lost updates"): entries, parties and their bank details or mandates,
 * payment orders (a draft run is changed by hand) and bank accesses (their
 * settings form). An edit names the version it was made on and is refused
 * when the row moved on meanwhile, so two workstations (or two windows on one
 * file) never overwrite each other silently. Who changed the row last and
 * when is kept beside it for the refusal's message; existing rows start at 1.
 */
const tables = ['entry', 'account', 'payment_instrument', 'payment_order', 'bank_access'] as const;

export const sql = tables
  .map(
    (t) => `ALTER TABLE ${t} ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
ALTER TABLE ${t} ADD COLUMN changed_by TEXT;
ALTER TABLE ${t} ADD COLUMN changed_at TEXT;`,
  )
  .join('\n');
