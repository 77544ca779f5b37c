/**
 * The bank clerk's desk without the server: the CLI provisions subscribers,
 * activates them and releases orders on the bank's database while the server
 * runs in another process (SQLite in WAL mode lets both work).
 */
import { systemClock, type Clock } from '../../shared/dates';
import { DEMO_HOST_ID } from './ids';
import { ensureBankKeys } from './store/bank-keys';
import { openBankDatabase } from './store/database';
import type { BankAdmin } from './subscribers';

/** The port the demo bank prefers, so a bank access set up against it keeps working across restarts. */
export const DEMO_BANK_PORT = 17617;

export function demoBankUrl(port: number = DEMO_BANK_PORT): string {
  return `http://127.0.0.1:${port}/ebicsweb`;
}

export function openBankAdmin(dataDir: string, o: { url?: string; clock?: Clock } = {}): BankAdmin & { close(): void } {
  const clock = o.clock ?? systemClock;
  const db = openBankDatabase(dataDir);
  try {
    const { keys } = ensureBankKeys(db, clock, DEMO_HOST_ID);
    return { db, hostId: DEMO_HOST_ID, url: o.url ?? demoBankUrl(), clock, keys, close: () => db.close() };
  } catch (e) {
    db.close();
    throw e;
  }
}
