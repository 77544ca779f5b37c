/**
 * A bank access's settings beyond the letter data (shared/bank-access-settings.ts):
 * read from and written to the access's JSON settings, checked here before
 * they are stored, and turned into what the payment file builder and the
 * EBICS client take. The JSON keeps the layout the order builder and the
 * key fetch read (`painFormats`, `germanCharset`, `bankDigest`) and any keys
 * this module does not know.
 */
import {
  BTF_FIELDS,
  BTF_PURPOSES,
  DEFAULT_BANK_ACCESS_SETTINGS,
  type BankAccessSettings,
  type BtfParameters,
  type BtfPurpose,
} from '../../../shared/bank-access-settings';
import { resolveOrder, type CatalogueOverrides } from '../../ebics/messages/catalogue';
import { appendAudit } from '../../ledger/repos/audit-log';
import { getBankAccess, setAccessSettings, type BankAccessRow } from '../../ledger/repos/bank-access';
import type { ServiceContext } from '../context';
import { versionedEdit } from '../versioned-edit';

interface StoredSettings {
  painFormats?: { creditTransfer?: BankAccessSettings['creditTransferPain']; directDebit?: BankAccessSettings['directDebitPain'] };
  germanCharset?: boolean;
  bankDigest?: BankAccessSettings['bankHashMode'];
  btf?: Partial<Record<BtfPurpose, BtfParameters>>;
  maxPaymentsPerFile?: number | null;
  maxFileAmountCents?: number | null;
  instant?: { offered?: boolean; limitCents?: number | null };
  [other: string]: unknown;
}

function stored(row: BankAccessRow): StoredSettings {
  try {
    const parsed: unknown = JSON.parse(row.settings || '{}');
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as StoredSettings) : {};
  } catch {
    return {};
  }
}

export function accessSettings(row: BankAccessRow): BankAccessSettings {
  const s = stored(row);
  const d = DEFAULT_BANK_ACCESS_SETTINGS;
  return {
    creditTransferPain: s.painFormats?.creditTransfer ?? d.creditTransferPain,
    directDebitPain: s.painFormats?.directDebit ?? d.directDebitPain,
    germanCharset: s.germanCharset ?? d.germanCharset,
    bankHashMode: s.bankDigest ?? d.bankHashMode,
    statementFormat: row.statementFormat,
    amountLimitCents: row.amountLimitCents,
    maxPaymentsPerFile: s.maxPaymentsPerFile ?? null,
    maxFileAmountCents: s.maxFileAmountCents ?? null,
    btf: s.btf ?? {},
    instantOffered: s.instant?.offered ?? d.instantOffered,
    instantLimitCents: s.instant?.limitCents ?? d.instantLimitCents,
    version: row.version,
  };
}

/** BTF codes are upper case except the message name; what a user types is brought to that form. */
function tidyBtf(btf: BankAccessSettings['btf']): BankAccessSettings['btf'] {
  const out: BankAccessSettings['btf'] = {};
  for (const purpose of BTF_PURPOSES) {
    const p = btf[purpose];
    if (!p) continue;
    const tidy: BtfParameters = {};
    for (const f of BTF_FIELDS) {
      const v = p[f];
      if (v) tidy[f] = f === 'msgName' ? v.toLowerCase() : v.toUpperCase();
    }
    if (Object.keys(tidy).length > 0) out[purpose] = tidy;
  }
  return out;
}

/** The pain version the access builds names the BTF message version, unless the bank's own parameters say otherwise. */
const PAIN_MSG_VERSION = { 'pain.001.001.03': '03', 'pain.001.001.09': '09', 'pain.008.001.02': '02', 'pain.008.001.08': '08' } as const;

/** The catalogue overrides for the EBICS client: the bank's BTF parameters, with the message versions of the chosen pain files. */
export function catalogueOverrides(s: BankAccessSettings): CatalogueOverrides {
  const out: CatalogueOverrides = {};
  const version = (purpose: BtfPurpose): string | undefined =>
    purpose === 'credit_transfer'
      ? PAIN_MSG_VERSION[s.creditTransferPain]
      : purpose === 'direct_debit_core' || purpose === 'direct_debit_b2b'
        ? PAIN_MSG_VERSION[s.directDebitPain]
        : undefined;
  for (const purpose of BTF_PURPOSES) {
    const service = { ...(version(purpose) ? { msgVersion: version(purpose) } : {}), ...(s.btf[purpose] ?? {}) };
    if (Object.keys(service).length > 0) out[purpose] = { H005: { service } };
  }
  // Instant transfers are pain.001 files of the same version as the plain ones.
  const service = { msgVersion: PAIN_MSG_VERSION[s.creditTransferPain] };
  out.instant_transfer = { H005: { service } };
  out.instant_transfer_vop = { H005: { service } };
  return out;
}

/** Every purpose resolved once, so a value the bank would refuse is refused here, with the purpose named. */
function checkOverrides(s: BankAccessSettings): void {
  const overrides = catalogueOverrides(s);
  for (const purpose of BTF_PURPOSES) resolveOrder(purpose, 'H005', overrides);
}

/** Saves the settings form as the person loaded it (`input.version`); refused when the access changed meanwhile. */
export function changeAccessSettings(ctx: ServiceContext, id: number, input: BankAccessSettings): BankAccessRow {
  const next: BankAccessSettings = { ...input, btf: tidyBtf(input.btf) };
  checkOverrides(next);
  return versionedEdit(ctx, 'bank_access', id, input.version, () => {
    // Read after the claim: the JSON keeps keys this form does not show, and they are kept as they are now.
    const row = getBankAccess(ctx.db, id);
    return writeSettings(ctx, row, next);
  });
}

/** The audit record keeps what the person chose; the row's version is bookkeeping (and at the claim already the next one). */
function settingsOnly(s: BankAccessSettings): Omit<BankAccessSettings, 'version'> {
  const copy: Partial<BankAccessSettings> = { ...s };
  delete copy.version;
  return copy as Omit<BankAccessSettings, 'version'>;
}

function writeSettings(ctx: ServiceContext, row: BankAccessRow, next: BankAccessSettings): BankAccessRow {
  const id = row.id;
  const settings: StoredSettings = {
    ...stored(row),
    painFormats: { creditTransfer: next.creditTransferPain, directDebit: next.directDebitPain },
    germanCharset: next.germanCharset,
    bankDigest: next.bankHashMode,
    maxPaymentsPerFile: next.maxPaymentsPerFile,
    maxFileAmountCents: next.maxFileAmountCents,
    btf: next.btf,
    instant: { offered: next.instantOffered, limitCents: next.instantLimitCents },
  };
  const updated = setAccessSettings(
    ctx.db,
    id,
    { settings: JSON.stringify(settings), statementFormat: next.statementFormat, amountLimitCents: next.amountLimitCents },
    ctx.now(),
  );
  appendAudit(ctx.db, ctx.now(), {
    actor: ctx.actor(),
    action: 'bankAccess.settings',
    subjectType: 'bank_access',
    subjectId: id,
    details: { before: settingsOnly(accessSettings(row)), after: settingsOnly(next) },
  });
  return updated;
}
