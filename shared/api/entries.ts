import { z } from 'zod';
import { Entry, EntryFilter, EntryInput } from '../domain';
import { SettleInput, Settlement } from '../reconcile';
import { ImportCommitInput, ImportCommitResult, ImportPreview, ImportPreviewInput, ImportProfile } from '../entry-import';
import { byId, call, none, versionedUpdate, type CallSpec } from './call';

/** Receivables and payables, and their import from a CSV export. */
export const entriesApi = {
  'entries.list': call(EntryFilter, z.object({ rows: z.array(Entry), total: z.number().int() })),
  'entries.get': call(byId, Entry),
  'entries.create': call(EntryInput, Entry),
  /** Refused with `edit.changedMeanwhile` when the entry is no longer at `version` (someone else changed it). */
  'entries.update': call(versionedUpdate(EntryInput), Entry),
  /** Four eyes on payables: an approver other than the preparer approves or rejects. */
  'entries.approve': call(byId, Entry),
  'entries.reject': call(byId, Entry),
  /** Reads a CSV export and shows what each row would become; writes nothing. */
  'entries.importPreview': call(ImportPreviewInput, ImportPreview),
  /** Imports the rows of a CSV file in one transaction (all, or with `skipInvalid` the valid ones); the same content twice is refused. */
  'entries.importCommit': call(ImportCommitInput, ImportCommitResult),
  /** The saved column mappings, by name. */
  'entries.importProfiles': call(none, z.array(ImportProfile)),
  /** Settles an entry without a bank line: cash, offset against an entry of the other side, or write-off with a reason. */
  'entries.settle': call(SettleInput, z.object({ entry: Entry, settlements: z.array(Settlement) })),
  /** An entry's settlements without a bank line and the fees/differences booked on it. */
  'entries.settlements': call(byId, z.array(Settlement)),
  /** Takes back a cash payment, offset (both entries) or write-off; a fee or difference goes with its assignment's undo. */
  'entries.undoSettlement': call(byId, z.object({ entry: Entry, settlements: z.array(Settlement) })),
} as const satisfies Record<string, CallSpec>;
