/**
 * The raw bytes of an imported statement file move out of the ledger into the
 * content-addressed archive beside it (electron/statements/archive.ts): the
 * row keeps the file's SHA-256, which names the archived copy, and says where
 * its content lives. Rows imported before keep their content in the ledger
 * (`content_store` 'ledger'), and everything that reads raw bytes reads
 * either; nothing has to be copied when an existing ledger is opened.
 */
export const sql = /* sql */ `
ALTER TABLE import_file ADD COLUMN content_store TEXT NOT NULL DEFAULT 'ledger' CHECK (content_store IN ('ledger', 'archive'));
`;
