/**
 * `kontor demo-bank …`: run the demo bank in this process, or play its clerk
 * and its authorised signer on its database while it runs in another (SQLite
 * in WAL mode lets both work). The embedded bank the window and the browser
 * host start is services/demo-bank/embedded.ts.
 */
import type { Clock } from '../../shared/dates';
import { runningAddress } from '../demo-bank/address';
import { DEMO_BANK_PORT, demoBankUrl, openBankAdmin } from '../demo-bank/admin';
import { startDemoBank } from '../demo-bank/server';
import * as clerk from '../demo-bank/subscribers';
import { buildTextLetter } from '../letters';

/** The port the demo bank prefers, so a bank access set up against it keeps working across restarts. */
export const DEMO_BANK_DEFAULT_PORT = DEMO_BANK_PORT;

export interface DeskOptions {
  /** The bank's own folder. */
  dataDir: string;
  /** Given: the bank's port. Not given: the port of the bank running on this folder, else the preferred one. */
  port?: number;
  clock: Clock;
}

/** Runs the bank on 127.0.0.1 until `close()`. */
export function runDemoBank(o: DeskOptions) {
  return startDemoBank({ dataDir: o.dataDir, port: o.port ?? DEMO_BANK_PORT, clock: o.clock });
}

/** The address the clerk's letters name, and whether a bank runs there (as far as this folder knows). */
export function deskAddress(o: Pick<DeskOptions, 'dataDir' | 'port'>): { url: string; running: boolean } {
  const running = runningAddress(o.dataDir);
  if (o.port !== undefined) return { url: demoBankUrl(o.port), running: running === demoBankUrl(o.port) };
  return running ? { url: running, running: true } : { url: demoBankUrl(), running: false };
}

/** Runs the clerk's work on the bank's database and closes it. */
function atTheDesk<T>(o: DeskOptions, work: (admin: clerk.BankAdmin) => T): T {
  const admin = openBankAdmin(o.dataDir, { url: deskAddress(o).url, clock: o.clock });
  try {
    return work(admin);
  } finally {
    admin.close();
  }
}

/** Provisions a subscriber with its demo accounts; returns its user letter. */
export function addDemoSubscriber(o: DeskOptions, input: clerk.AddSubscriberInput): string {
  return atTheDesk(o, (admin) => clerk.addSubscriber(admin, input).letter);
}

/** The clerk compared the initialisation letter: returns the confirmation letter with the bank's key hashes. */
export function activateDemoSubscriber(o: DeskOptions, partnerId: string, userId: string): string {
  return atTheDesk(o, (admin) => clerk.activate(admin, partnerId, userId));
}

/** The authorised signer's decision on an uploaded order in the distributed signature. */
export function decideDemoOrderAtDesk(o: DeskOptions, orderId: string, decision: 'release' | 'reject'): void {
  atTheDesk(o, (admin) => (decision === 'release' ? clerk.release(admin, orderId) : clerk.reject(admin, orderId)));
}

/** A signer of the order's partner signs or cancels it at the bank's counter (the VEU rules apply). */
export function signDemoOrderAtDesk(o: DeskOptions, orderId: string, partnerId: string, userId: string, action: 'sign' | 'cancel'): clerk.SignOutcome {
  return atTheDesk(o, (admin) => clerk.signAtBank(admin, orderId, partnerId, userId, action));
}

/** Adds an account holder to the bank's payee register. */
export function addDemoHolder(o: DeskOptions, iban: string, name: string): clerk.Holder {
  return atTheDesk(o, (admin) => clerk.addPayeeHolder(admin, iban, name));
}

/** The bank's rules, changed where `change` names one. */
export function demoBankRules(o: DeskOptions, change: Partial<clerk.BankRules> = {}): clerk.BankRules {
  return atTheDesk(o, (admin) => (Object.keys(change).length ? clerk.setBankRules(admin, change) : clerk.bankRules(admin)));
}

/** The bank's payee register. */
export function demoHolders(o: DeskOptions): clerk.Holder[] {
  return atTheDesk(o, (admin) => clerk.payeeHolders(admin));
}

/** A letter of the bank as PDF; its first line is the title. */
export function letterPdf(letter: string): Promise<Uint8Array> {
  const [title = 'Kontor Demo Bank', ...lines] = letter.split('\n');
  return buildTextLetter(title, lines);
}
