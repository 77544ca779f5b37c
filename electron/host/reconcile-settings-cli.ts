/**
 * `kontor reconcile settings`: the matcher's keys (reference, IBAN, name) and
 * date window (days before the statement date, days after the due date) for
 * all own accounts or one (`--account IBAN`), through the same API calls as
 * the window's settings. Without options it prints them.
 */
import { KontorError } from '../../shared/errors';
import { type MatchProfile, type MatchSettings } from '../../shared/reconcile';
import type { ServiceContext } from '../services/context';
import { stringOption, type ParsedArgs } from './args';
import { callApi } from './call';
import type { CliIo } from './cli';

export const RECONCILE_SETTINGS_HELP = `  reconcile settings [--account IBAN] [--days-before N] [--days-after N] [--fields reference,iban,name] [--reset]
                the keys and date window matches by amount use, for all own accounts or one;
                without options: prints them; --reset goes back to the defaults (10 days before, 60 after, all keys)`;

const FIELDS = ['reference', 'iban', 'name'] as const;

function days(args: ParsedArgs, name: string): number | undefined {
  const text = stringOption(args, name);
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 366) throw new KontorError('cli.badOption', `--${name} takes a number of days from 0 to 366.`);
  return n;
}

function fields(args: ParsedArgs): MatchProfile['fields'] | undefined {
  const text = stringOption(args, 'fields');
  if (text === undefined) return undefined;
  const words = text.split(',').map((w) => w.trim().toLowerCase());
  const unknown = words.filter((w) => !(FIELDS as readonly string[]).includes(w));
  if (unknown.length) throw new KontorError('cli.badOption', `--fields takes reference, iban and name, separated by commas (not ${unknown.join(', ')}).`);
  return { reference: words.includes('reference'), iban: words.includes('iban'), name: words.includes('name') };
}

const profileText = (p: MatchProfile) =>
  `${p.daysBeforeStatement} day(s) before the statement date, ${p.daysAfterDue} after the due date; keys: ${FIELDS.filter((f) => p.fields[f]).join(', ')}`;

function describe(s: MatchSettings): string {
  return [`All accounts: ${profileText(s.defaults)}`, ...s.accounts.map((a) => `${a.iban}: ${profileText(a)}`)].join('\n');
}

export async function reconcileSettings(ctx: ServiceContext, args: ParsedArgs, io: CliIo): Promise<number> {
  const json = args.options.has('json');
  const account = stringOption(args, 'account') ?? null;
  const change = { daysBeforeStatement: days(args, 'days-before'), daysAfterDue: days(args, 'days-after'), fields: fields(args) };
  const reset = args.options.has('reset');
  let settings = await callApi(ctx, 'reconcile.matchSettings', {});
  if (reset || Object.values(change).some((v) => v !== undefined)) {
    const current =
      (account === null ? settings.defaults : settings.accounts.find((a) => a.iban === account.replace(/\s+/g, '').toUpperCase())) ?? settings.defaults;
    const base: MatchProfile = { daysBeforeStatement: current.daysBeforeStatement, daysAfterDue: current.daysAfterDue, fields: current.fields };
    const profile = reset ? null : { ...base, ...Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)) };
    settings = await callApi(ctx, 'reconcile.setMatchSettings', { iban: account, profile });
  }
  io.out(json ? JSON.stringify(settings, null, 2) : describe(settings));
  return 0;
}
