import { z } from 'zod';
import {
  PartyBulkEditInput,
  PartyBulkEditResult,
  PartyCommitInput,
  PartyCommitResult,
  PartyImportPreview,
  PartyImportProfile,
  PartyPreviewInput,
} from '../parties';
import { call, none, type CallSpec } from './call';

/** Customers and suppliers with bank details and mandates from a CSV export (master data). */
export const partiesApi = {
  /** Reads a master-data CSV and shows what each row would create or complete; writes nothing. */
  'parties.importPreview': call(PartyPreviewInput, PartyImportPreview),
  /** Creates the parties, bank details and mandates of a file in one transaction; the same content twice is refused. */
  'parties.importCommit': call(PartyCommitInput, PartyCommitResult),
  'parties.importProfiles': call(none, z.array(PartyImportProfile)),
  /** Payment method and/or bank details for several parties at once, all or nothing, one audit record per party changed; `dryRun` shows the plan. */
  'parties.bulkEdit': call(PartyBulkEditInput, PartyBulkEditResult),
} as const satisfies Record<string, CallSpec>;
