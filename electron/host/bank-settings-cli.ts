/**
 * `kontor bank settings <id> [options]`: shows a bank access's settings, or
 * changes the named ones and keeps the rest. Checked by the same call as the
 * window's form, so a value the window refuses is refused here too.
 */
import { BTF_FIELDS, BTF_PURPOSES, type BankAccessSettings, type BtfField, type BtfPurpose } from '../../shared/bank-access-settings';
import { KontorError } from '../../shared/errors';
import { formatAmount, parseAmount } from '../../shared/money';
import type { ServiceContext } from '../services/context';
import { callApi } from './call';
import { expectedVersion, stringOption, type ParsedArgs } from './args';
import type { CliIo } from './cli';

export const BANK_SETTINGS_HELP = `  bank settings <id> [--pain001 09|03] [--pain008 08|02] [--german-charset on|off]
           [--hash-mode certificate|public-key] [--statement-format camt|mt940] [--limit AMOUNT|none]
           [--max-payments N|none] [--max-file-amount AMOUNT|none] [--btf PURPOSE.FIELD=VALUE ...]
           [--instant on|off] [--instant-limit AMOUNT|none] [--expect-version N]
                show or change a bank access's settings: pain versions, umlauts kept (on) or
                transliterated (off), the EBICS 3.0 hash the bank prints, the end-of-day format,
                the amount limit per order, the bank's maximum payments and total per file
                (runs are split to fit), the bank's EBICS 3.0 order parameters (e.g.
                --btf credit_transfer.scope=CH; an empty VALUE goes back to the default),
                whether the bank offers SEPA Instant and its maximum per instant payment;
                --expect-version: refused when the access is no longer at version N (changed meanwhile)`;

function choice<T extends string>(args: ParsedArgs, name: string, values: Record<string, T>): T | undefined {
  const text = stringOption(args, name);
  if (args.options.get(name) === true) throw new KontorError('cli.missingOption', `--${name} needs a value.`);
  if (text === undefined) return undefined;
  const v = values[text];
  if (!v) throw new KontorError('cli.badOption', `--${name} must be one of ${Object.keys(values).join(', ')}.`);
  return v;
}

function charsetOf(args: ParsedArgs, current: boolean): boolean {
  const on = choice(args, 'german-charset', { on: 'on', off: 'off' });
  return on === undefined ? current : on === 'on';
}

function maxPaymentsOf(args: ParsedArgs, current: number | null): number | null {
  const text = stringOption(args, 'max-payments');
  if (text === undefined) return current;
  if (text === 'none') return null;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new KontorError('cli.badOption', '--max-payments takes a whole number of payments (at least 1) or none.');
  return n;
}

function limitOf(args: ParsedArgs, current: number | null, name = 'limit'): number | null {
  const text = stringOption(args, name);
  if (text === undefined) return current;
  if (text === 'none') return null;
  return parseAmount(text);
}

function btfOf(args: ParsedArgs, current: BankAccessSettings['btf']): BankAccessSettings['btf'] {
  const next: BankAccessSettings['btf'] = Object.fromEntries(Object.entries(current).map(([k, v]) => [k, { ...v }]));
  for (const item of args.all.get('btf') ?? []) {
    const m = /^([a-z_]+)\.([A-Za-z]+)=(.*)$/.exec(item);
    const purpose = m?.[1] as BtfPurpose | undefined;
    const field = m?.[2] as BtfField | undefined;
    if (!m || !BTF_PURPOSES.includes(purpose!) || !BTF_FIELDS.includes(field!)) {
      throw new KontorError(
        'cli.badOption',
        `--btf takes PURPOSE.FIELD=VALUE with PURPOSE one of ${BTF_PURPOSES.join(', ')} and FIELD one of ${BTF_FIELDS.join(', ')}.`,
      );
    }
    next[purpose!] = { ...(next[purpose!] ?? {}), [field!]: m[3] };
  }
  return next;
}

function describe(id: number, s: BankAccessSettings): string[] {
  const btf = Object.entries(s.btf).flatMap(([purpose, p]) => Object.entries(p).map(([f, v]) => `${purpose}.${f}=${v}`));
  return [
    `Settings of bank access ${id}:`,
    `  Credit transfers:   ${s.creditTransferPain}`,
    `  Direct debits:      ${s.directDebitPain}`,
    `  Umlauts:            ${s.germanCharset ? 'kept (German extended character set)' : 'transliterated (SEPA basic character set)'}`,
    `  EBICS 3.0 hash:     ${s.bankHashMode === 'certificate' ? 'of the certificate' : 'of the public key'}`,
    `  Statements:         ${s.statementFormat === 'camt' ? 'camt.053' : 'MT940'}`,
    `  Amount limit:       ${s.amountLimitCents === null ? 'none' : formatAmount(s.amountLimitCents, 'en')}`,
    `  Bank's file maxima: ${s.maxPaymentsPerFile === null ? 'no maximum count' : `${s.maxPaymentsPerFile} payments`}, ${s.maxFileAmountCents === null ? 'no maximum total' : `${formatAmount(s.maxFileAmountCents, 'en')} in total`} per file`,
    `  BTF parameters:     ${btf.length ? btf.join(', ') : 'the defaults'}`,
    `  SEPA Instant:       ${s.instantOffered ? `offered, ${s.instantLimitCents === null ? 'no limit per payment' : `at most ${formatAmount(s.instantLimitCents, 'en')} per payment`}` : 'not offered'}`,
    `  Version:            ${s.version} (--expect-version)`,
  ];
}

const CHANGES = [
  'pain001',
  'pain008',
  'german-charset',
  'hash-mode',
  'statement-format',
  'limit',
  'max-payments',
  'max-file-amount',
  'btf',
  'instant',
  'instant-limit',
];

export async function bankSettingsCommand(ctx: ServiceContext, args: ParsedArgs, io: CliIo, id: number): Promise<number> {
  const current = await callApi(ctx, 'bankAccess.settings', { id });
  let shown = current;
  if (CHANGES.some((o) => args.options.has(o))) {
    shown = await callApi(ctx, 'bankAccess.updateSettings', {
      id,
      settings: {
        version: expectedVersion(args) ?? current.version,
        creditTransferPain:
          choice(args, 'pain001', {
            '09': 'pain.001.001.09',
            '03': 'pain.001.001.03',
            'pain.001.001.09': 'pain.001.001.09',
            'pain.001.001.03': 'pain.001.001.03',
          }) ?? current.creditTransferPain,
        directDebitPain:
          choice(args, 'pain008', {
            '08': 'pain.008.001.08',
            '02': 'pain.008.001.02',
            'pain.008.001.08': 'pain.008.001.08',
            'pain.008.001.02': 'pain.008.001.02',
          }) ?? current.directDebitPain,
        germanCharset: charsetOf(args, current.germanCharset),
        bankHashMode: choice(args, 'hash-mode', { certificate: 'certificate', 'public-key': 'publicKey' }) ?? current.bankHashMode,
        statementFormat: choice(args, 'statement-format', { camt: 'camt', mt940: 'mt940' }) ?? current.statementFormat,
        amountLimitCents: limitOf(args, current.amountLimitCents),
        maxPaymentsPerFile: maxPaymentsOf(args, current.maxPaymentsPerFile),
        maxFileAmountCents: limitOf(args, current.maxFileAmountCents, 'max-file-amount'),
        btf: btfOf(args, current.btf),
        instantOffered: (choice(args, 'instant', { on: 'on', off: 'off' }) ?? (current.instantOffered ? 'on' : 'off')) === 'on',
        instantLimitCents: limitOf(args, current.instantLimitCents, 'instant-limit'),
      },
    });
  }
  io.out(args.options.has('json') ? JSON.stringify(shown, null, 2) : describe(id, shown).join('\n'));
  return 0;
}
