import { z } from 'zod';
import { BankCsvCommitInput, BankCsvCommitResult, BankCsvPreview, BankCsvPreviewInput, BankCsvProfile } from '../bank-csv';
import { call, none, type CallSpec } from './call';

/** A bank's CSV export read as a statement. */
export const bankCsvApi = {
  /** A bank's CSV export: sniffed, a profile proposed, every row as it would be stored; writes nothing. */
  'bankCsv.preview': call(BankCsvPreviewInput, BankCsvPreview),
  /** Stores the rows as one statement of the account (all rows or none); the same content twice is refused. */
  'bankCsv.commit': call(BankCsvCommitInput, BankCsvCommitResult),
  /** Built-in profiles (German bank exports, generic) and the saved ones. */
  'bankCsv.profiles': call(none, z.array(BankCsvProfile)),
} as const satisfies Record<string, CallSpec>;
