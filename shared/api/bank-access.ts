import { z } from 'zod';
import { BankAccessSettings, BankAccessSettingsInput, OfferedAccount } from '../bank-access-settings';
import { BankAccess, BankAccessInput, BankKeyHashesInput, EbicsVersion, FileDownload, IdSchema, Locale, StatementFormat } from '../domain';
import { byId, call, none, update, type CallSpec } from './call';

/**
 * The one-time code the browser host printed on its terminal, typed by the
 * person into the page. The window and the CLI ask natively and ignore it.
 */
const confirmation = z
  .object({ id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/), code: z.string().trim().min(1, 'text.required').max(20) })
  .strict()
  .optional();

/** EBICS bank accesses: setup, keys, letters, and the calls that decide who talks to the bank as the company. */
export const bankAccessApi = {
  /** HEV: which EBICS versions a host speaks, to preselect the version in the setup. */
  'bankAccess.probe': call(
    z.object({ hostUrl: BankAccessInput.shape.hostUrl, hostId: BankAccessInput.shape.hostId }),
    z.object({ versions: z.array(EbicsVersion) }),
  ),
  'bankAccess.list': call(none, z.array(BankAccess)),
  'bankAccess.get': call(byId, BankAccess),
  'bankAccess.create': call(BankAccessInput, BankAccess),
  /** Only while no key has been sent: the letter data can still be corrected. */
  'bankAccess.update': call(update(BankAccessInput), BankAccess),
  /** Creates the keys (once) and sends INI and HIA (each once); resumable. Progress events. */
  'bankAccess.initialise': call(byId, BankAccess),
  /** The initialisation letter as PDF, re-printable while the access waits for the bank. */
  'bankAccess.letter': call(z.object({ id: IdSchema, locale: Locale, place: z.string().trim().max(70).optional() }), FileDownload),
  /** HPB: fetches the bank's keys; they are not trusted until their hashes are accepted. */
  'bankAccess.fetchBankKeys': call(byId, BankAccess),
  /** Compares the hashes from the bank's letter; only an exact match makes the access ready. */
  'bankAccess.acceptBankKeys': call(BankKeyHashesInput, BankAccess),
  /*
   * The four calls that decide who can talk to the bank as the company: each
   * needs a fresh confirmation by the person at the keyboard (the host's
   * `confirm`), on top of the session; each answer is in the audit log.
   */
  /** SPR: suspends the subscriber at the bank. Needs `confirm: true`. */
  'bankAccess.suspend': call(z.object({ id: IdSchema, confirm: z.literal(true), confirmation }), BankAccess),
  /** Starts over after expiry or suspension: deletes the keys; new keys, INI and HIA again. */
  'bankAccess.reinitialise': call(z.object({ id: IdSchema, confirm: z.literal(true), confirmation }), BankAccess),
  /** The private keys, encrypted under `password` (scrypt, AES-256-GCM), as a file for the caller. */
  'bankAccess.exportKeys': call(z.object({ id: IdSchema, password: z.string().min(10, 'password.tooShort').max(500), confirmation }), FileDownload),
  'bankAccess.importKeys': call(z.object({ id: IdSchema, password: z.string().min(1).max(500), base64: z.string().max(2_000_000), confirmation }), BankAccess),
  /** camt.053 or MT940 for the end-of-day statements; can change at any time. */
  'bankAccess.setStatementFormat': call(z.object({ id: IdSchema, statementFormat: StatementFormat }).strict(), BankAccess),
  /** Pain versions, character set, EBICS 3.0 order parameters and hash, statement format, amount limit. */
  'bankAccess.settings': call(byId, BankAccessSettings),
  /** Changeable at any time; applied to the next payment run, upload and download. */
  'bankAccess.updateSettings': call(z.object({ id: IdSchema, settings: BankAccessSettingsInput }).strict(), BankAccessSettings),
  /** HTD: the accounts the bank lists for this subscriber, to offer when an own account is created. */
  'bankAccess.offeredAccounts': call(byId, z.array(OfferedAccount)),
  /** Demo bank only: plays the bank clerk who compared the letter, and returns the bank's confirmation letter. */
  'bankAccess.demoActivate': call(byId, z.object({ confirmationLetter: z.string() })),
} as const satisfies Record<string, CallSpec>;
