/**
 * `kontor entity …` and `kontor accounts …`: the company and its own bank
 * accounts from a terminal, so an empty data folder can be set up without
 * the window (the same calls the checklist's steps make).
 */
import type { BankAccount, BusinessEntity } from '../../shared/domain';
import { KontorError } from '../../shared/errors';
import { formatIban } from '../../shared/ids';
import type { Clock } from '../../shared/dates';
import { createContext, type ServiceContext } from '../services/context';
import { callApi } from './call';
import { type ParsedArgs, recordNumber, stringOption } from './args';
import type { CliIo } from './cli';

export const SETUP_HELP = `  entity add --name NAME [--creditor-id ID] [--street S] [--postal-code P] [--city C] [--country DE]
                a business entity (your company)
  entity list               the business entities
  accounts add --name NAME --iban IBAN [--bic BIC] [--currency EUR] [--entity ID] [--access ID] [--preferred]
                an own bank account; --access links it to a bank access (see kontor bank list);
                --preferred makes it the account the entity's payment runs pay from and collect to
  accounts link <id> --access ID|none
                link an own bank account to a bank access (none unlinks); its orders not yet
                sent follow the link
  accounts list             the own bank accounts with their bank access
  setup                     the first-run checklist: what is done, what comes next`;

function positiveId(text: string | undefined, what: string, example: string): number {
  return recordNumber(text, 'cli.missingArgument', `Name the ${what} by its number, e.g. ${example}.`);
}

function need(args: ParsedArgs, name: string): string {
  const v = stringOption(args, name);
  if (!v) throw new KontorError('cli.missingOption', `--${name} is required.`);
  return v;
}

/** The option's text, or undefined; an option given without a value is an error, not "none". */
function optionText(args: ParsedArgs, name: string): string | undefined {
  if (args.options.get(name) === true) throw new KontorError('cli.missingOption', `--${name} needs a value.`);
  return stringOption(args, name);
}

async function entityOf(ctx: ServiceContext, args: ParsedArgs): Promise<number> {
  const given = optionText(args, 'entity');
  if (given !== undefined) return positiveId(given, 'business entity', '--entity 1');
  const entities = await callApi(ctx, 'entities.list', {});
  if (entities.length === 1) return entities[0]!.id;
  if (entities.length === 0) throw new KontorError('cli.noEntity', 'There is no business entity yet: add your company with kontor entity add first.');
  throw new KontorError('cli.missingOption', `Say which business entity with --entity: ${entities.map((e) => `${e.id} (${e.name})`).join(', ')}.`);
}

function accessOf(args: ParsedArgs): number | null {
  const text = optionText(args, 'access');
  if (text === undefined || text === 'none') return null;
  return positiveId(text, 'bank access', '--access 1 (see kontor bank list)');
}

const entityLine = (e: BusinessEntity) => `${String(e.id).padStart(3)}  ${e.name}${e.creditorId ? `  (creditor ID ${e.creditorId})` : ''}`;
const accountLine = (a: BankAccount) =>
  `${String(a.id).padStart(3)}  ${formatIban(a.iban)}  ${a.currency}  ${a.name} (${a.entityName})  ${a.bankAccessId ? `bank access ${a.bankAccessId}` : 'no bank access'}`;

async function entityCommand(ctx: ServiceContext, args: ParsedArgs, io: CliIo, json: boolean): Promise<number> {
  const sub = args.positional[1];
  if (sub === 'add') {
    const entity = await callApi(ctx, 'entities.create', {
      name: need(args, 'name'),
      creditorId: optionText(args, 'creditor-id') ?? null,
      street: optionText(args, 'street') ?? null,
      postalCode: optionText(args, 'postal-code') ?? null,
      city: optionText(args, 'city') ?? null,
      country: optionText(args, 'country') ?? 'DE',
    });
    io.out(json ? JSON.stringify(entity, null, 2) : `Business entity ${entity.id} added: ${entity.name}`);
    return 0;
  }
  if (sub === 'list') {
    const all = await callApi(ctx, 'entities.list', {});
    if (json) io.out(JSON.stringify(all, null, 2));
    else if (all.length === 0) io.out('No business entity yet. Add one with kontor entity add --name "…".');
    else for (const e of all) io.out(entityLine(e));
    return 0;
  }
  io.err(`Unknown entity command: ${sub ?? '(none)'}\n\n${SETUP_HELP}`);
  return 2;
}

/** The entity's account for payment runs: entries imported from now on are paid from it and collected to it. */
async function makePreferred(ctx: ServiceContext, account: BankAccount): Promise<void> {
  const entity = (await callApi(ctx, 'entities.list', {})).find((e) => e.id === account.entityId)!;
  const { name, creditorId, street, postalCode, city, country } = entity;
  await callApi(ctx, 'entities.update', {
    id: entity.id,
    values: { name, creditorId, street, postalCode, city, country, preferredBankAccountId: account.id },
  });
}

async function accountsCommand(ctx: ServiceContext, args: ParsedArgs, io: CliIo, json: boolean): Promise<number> {
  const sub = args.positional[1];
  const print = (a: BankAccount, said: string) => io.out(json ? JSON.stringify(a, null, 2) : `${said}\n${accountLine(a)}`);
  if (sub === 'add') {
    const account = await callApi(ctx, 'bankAccounts.create', {
      entityId: await entityOf(ctx, args),
      bankAccessId: accessOf(args),
      name: need(args, 'name'),
      iban: need(args, 'iban'),
      bic: optionText(args, 'bic') ?? null,
      currency: optionText(args, 'currency') ?? 'EUR',
    });
    if (args.options.has('preferred')) await makePreferred(ctx, account);
    print(account, `Bank account ${account.id} added${args.options.has('preferred') ? ', the preferred account of its entity' : ''}.`);
    return 0;
  }
  if (sub === 'link') {
    const id = positiveId(args.positional[2], 'bank account', 'kontor accounts link 1 --access 1 (see kontor accounts list)');
    if (optionText(args, 'access') === undefined) throw new KontorError('cli.missingOption', '--access ID (or --access none to unlink) is required.');
    const account = await callApi(ctx, 'bankAccounts.link', { id, bankAccessId: accessOf(args) });
    print(account, account.bankAccessId ? `Bank account ${id} linked to bank access ${account.bankAccessId}.` : `Bank account ${id} unlinked.`);
    return 0;
  }
  if (sub === 'list') {
    const all = await callApi(ctx, 'bankAccounts.list', {});
    if (json) io.out(JSON.stringify(all, null, 2));
    else if (all.length === 0) io.out('No own bank account yet. Add one with kontor accounts add.');
    else for (const a of all) io.out(accountLine(a));
    return 0;
  }
  io.err(`Unknown accounts command: ${sub ?? '(none)'}\n\n${SETUP_HELP}`);
  return 2;
}

const STEP_WORDS = {
  entity: 'Company (business entity)',
  bankAccounts: 'Own bank accounts',
  bankAccess: 'Bank access ready',
  linked: 'Accounts linked to the bank access',
  parties: 'Customers and suppliers',
  entries: 'Open items',
} as const;

async function setupCommand(ctx: ServiceContext, io: CliIo, json: boolean): Promise<number> {
  const list = await callApi(ctx, 'setup.checklist', {});
  if (json) io.out(JSON.stringify(list, null, 2));
  else for (const s of list.steps) io.out(`[${s.done ? 'x' : ' '}] ${STEP_WORDS[s.id]}${s.count ? ` (${s.count})` : ''}`);
  return 0;
}

export async function setupCommands(args: ParsedArgs, io: CliIo, dataDir: string, clock: Clock): Promise<number> {
  const json = args.options.has('json');
  const ctx = createContext({ dataDir, host: 'cli', clock });
  try {
    const command = args.positional[0];
    if (command === 'entity') return await entityCommand(ctx, args, io, json);
    if (command === 'accounts') return await accountsCommand(ctx, args, io, json);
    return await setupCommand(ctx, io, json);
  } finally {
    ctx.close();
  }
}
