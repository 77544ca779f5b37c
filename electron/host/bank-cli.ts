import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BankAccess } from '../../shared/domain';
import { KontorError } from '../../shared/errors';
import type { Clock } from '../../shared/dates';
import { recordRefusal } from '../services/bank-access/confirmation';
import { createContext, type ConfirmedCall, type ServiceContext } from '../services/context';
import { BANK_SETTINGS_HELP, bankSettingsCommand } from './bank-settings-cli';
import { callApi } from './call';
import { type ParsedArgs, recordNumber, stringOption } from './args';
import type { CliIo } from './cli';
import { processTerminal, terminalConfirm, type Terminal } from './terminal';

export const BANK_HELP = `  bank add --name N --host-url URL --host-id H --partner P --user U --version 2.5|3.0
           [--key-size 2048|3072|4096] [--signature A005|A006] [--demo]
                a bank access from the bank's user letter
  bank init <id>            create the keys (into the OS keychain), send INI and HIA
  bank letter <id> --out <file.pdf> [--lang de|en] [--place PLACE]
                the initialisation letter to sign and post to the bank
  bank fetch-keys <id>      fetch the bank's keys (HPB) and print their hashes
  bank accept-keys <id> --hash <authentication hash> --hash <encryption hash>
                trust the bank's keys; refused unless both match the bank's letter exactly
  bank list                 all bank accesses with their state
  bank status <id>          state and key dates of one bank access
  bank export-keys <id> --out <file>
                the keys into a password-protected file (asks for the password and a "yes")
  bank import-keys <id> --file <file>
                replace the keys with those of a key file (asks for its password and a "yes")
  bank suspend <id>         block this user at the bank (SPR; asks for a "yes")
  bank reinitialise <id>    after expiry or suspension: delete the keys and start over (asks for a "yes")
                These four need a person at a terminal; without one they are refused.
${BANK_SETTINGS_HELP}`;

function idOf(args: ParsedArgs): number {
  return recordNumber(args.positional[2], 'cli.missingArgument', 'Name the bank access by its number, e.g. kontor bank status 1 (see kontor bank list).');
}

const VERSION: Record<string, 'H004' | 'H005'> = { '2.5': 'H004', H004: 'H004', '3.0': 'H005', H005: 'H005' };

function describe(a: BankAccess): string[] {
  const key = (label: string, k: BankAccess['keys']['signature']) =>
    `  ${label.padEnd(16)} ${k.version}  ${k.createdAt ? `created ${k.createdAt.slice(0, 10)}, expires ${k.expiresAt?.slice(0, 10)} (${k.daysLeft} days left)` : 'not created yet'}`;
  return [
    `Bank access ${a.id}: ${a.name}${a.isDemo ? ' (demo bank)' : ''}`,
    `  State:           ${a.state}`,
    `  Host:            ${a.hostUrl} (host ID ${a.hostId})${a.tlsVerified ? '' : ' — not encrypted (demo bank on this computer)'}`,
    `  Partner / user:  ${a.partnerId} / ${a.userId}`,
    `  EBICS:           ${a.ebicsVersion === 'H004' ? '2.5 (H004)' : '3.0 (H005)'}, ${a.keySize}-bit keys`,
    key('Signature', a.keys.signature),
    key('Authentication', a.keys.authentication),
    key('Encryption', a.keys.encryption),
    ...(a.bankKeys
      ? [
          `  Bank key X002:   ${a.bankKeys.authenticationHash}`,
          `  Bank key E002:   ${a.bankKeys.encryptionHash}`,
          `  Bank keys:       ${a.bankKeys.trustedAt ? `trusted since ${a.bankKeys.trustedAt}` : 'NOT trusted yet: compare with the bank letter, then kontor bank accept-keys'}`,
        ]
      : []),
  ];
}

/** Export and import ask for a password first, so without a terminal they stop (on the record) before that. */
async function needTerminal(ctx: ServiceContext, terminal: Terminal, call: ConfirmedCall, id: number): Promise<void> {
  await callApi(ctx, 'bankAccess.get', { id });
  if (!terminal.interactive) throw recordRefusal(ctx, call, id, 'noTerminal');
}

async function exportKeysCommand(ctx: ServiceContext, args: ParsedArgs, io: CliIo, terminal: Terminal): Promise<number> {
  const id = idOf(args);
  const out = stringOption(args, 'out');
  if (!out) throw new KontorError('cli.missingOption', '--out <file> is required.');
  if (existsSync(resolve(out))) throw new KontorError('cli.fileExists', `${resolve(out)} exists already; Kontor does not overwrite key files.`);
  await needTerminal(ctx, terminal, 'bankAccess.exportKeys', id);
  const password = await terminal.askSecret('Password for the key file (at least 10 characters): ');
  if ((await terminal.askSecret('The same password again: ')) !== password)
    throw new KontorError('cli.passwordMismatch', 'The two passwords are not the same.');
  const file = await callApi(ctx, 'bankAccess.exportKeys', { id, password });
  writeFileSync(resolve(out), Buffer.from(file.base64, 'base64'), { mode: 0o600, flag: 'wx' });
  io.out(`Keys written to ${resolve(out)}. Keep the file and its password apart.`);
  return 0;
}

async function importKeysCommand(ctx: ServiceContext, args: ParsedArgs, terminal: Terminal): Promise<BankAccess> {
  const id = idOf(args);
  const path = stringOption(args, 'file');
  if (!path) throw new KontorError('cli.missingOption', '--file <key file> is required.');
  let base64: string;
  try {
    base64 = readFileSync(resolve(path)).toString('base64');
  } catch {
    throw new KontorError('cli.unreadableFile', `The file ${path} could not be read.`);
  }
  await needTerminal(ctx, terminal, 'bankAccess.importKeys', id);
  const password = await terminal.askSecret('Password of the key file: ');
  return callApi(ctx, 'bankAccess.importKeys', { id, password, base64 });
}

export async function bankCommand(args: ParsedArgs, io: CliIo, dataDir: string, clock: Clock, terminal: Terminal = processTerminal()): Promise<number> {
  const sub = args.positional[1];
  const json = args.options.has('json');
  const ctx = createContext({ dataDir, host: 'cli', clock, confirm: terminalConfirm(terminal) });
  const print = (a: BankAccess) => (json ? io.out(JSON.stringify(a, null, 2)) : io.out(describe(a).join('\n')));
  try {
    switch (sub) {
      case 'add': {
        const need = (name: string) => {
          const v = stringOption(args, name);
          if (!v) throw new KontorError('cli.missingOption', `--${name} is required (it is on the bank's user letter).`);
          return v;
        };
        const version = VERSION[need('version')];
        if (!version) throw new KontorError('cli.badOption', '--version must be 2.5 or 3.0.');
        const keySize = Number(stringOption(args, 'key-size') ?? 2048);
        const access = await callApi(ctx, 'bankAccess.create', {
          name: need('name'),
          hostUrl: need('host-url'),
          hostId: need('host-id'),
          partnerId: need('partner'),
          userId: need('user'),
          ebicsVersion: version,
          keySize: keySize as 2048,
          signatureVersion: (stringOption(args, 'signature') ?? 'A006') as 'A006',
          isDemo: args.options.has('demo'),
        });
        print(access);
        return 0;
      }
      case 'init': {
        const id = idOf(args);
        ctx.events.listen((_e, p) => {
          const { label, done, total } = p as { label: string; done: number; total: number };
          if (!json) io.out(`  [${done}/${total}] ${label.replace('bankAccess.initialise.', '')}`);
        });
        print(await callApi(ctx, 'bankAccess.initialise', { id }));
        if (!json) io.out('Next: print the letter (kontor bank letter), sign it and post it to the bank.');
        return 0;
      }
      case 'letter': {
        const out = stringOption(args, 'out');
        if (!out) throw new KontorError('cli.missingOption', '--out <file.pdf> is required.');
        const lang = stringOption(args, 'lang') ?? 'de';
        if (lang !== 'de' && lang !== 'en') throw new KontorError('cli.badOption', '--lang must be de or en.');
        const place = stringOption(args, 'place');
        const file = await callApi(ctx, 'bankAccess.letter', { id: idOf(args), locale: lang, ...(place ? { place } : {}) });
        writeFileSync(resolve(out), Buffer.from(file.base64, 'base64'));
        io.out(`Letter written to ${resolve(out)}`);
        return 0;
      }
      case 'fetch-keys': {
        print(await callApi(ctx, 'bankAccess.fetchBankKeys', { id: idOf(args) }));
        return 0;
      }
      case 'accept-keys': {
        const hashes = args.all.get('hash') ?? [];
        if (hashes.length !== 2)
          throw new KontorError('cli.missingOption', 'Give both hashes from the bank letter: --hash <authentication (X002)> --hash <encryption (E002)>.');
        print(await callApi(ctx, 'bankAccess.acceptBankKeys', { id: idOf(args), authenticationHash: hashes[0]!, encryptionHash: hashes[1]! }));
        return 0;
      }
      case 'list': {
        const all = await callApi(ctx, 'bankAccess.list', {});
        if (json) io.out(JSON.stringify(all, null, 2));
        else if (all.length === 0) io.out('No bank accesses yet. Add one with kontor bank add (see kontor help).');
        else for (const a of all) io.out(`${String(a.id).padStart(3)}  ${a.state.padEnd(18)} ${a.ebicsVersion}  ${a.partnerId}/${a.userId}  ${a.name}`);
        return 0;
      }
      case 'status': {
        print(await callApi(ctx, 'bankAccess.get', { id: idOf(args) }));
        return 0;
      }
      case 'settings':
        return await bankSettingsCommand(ctx, args, io, idOf(args));
      case 'export-keys':
        return await exportKeysCommand(ctx, args, io, terminal);
      case 'import-keys':
        print(await importKeysCommand(ctx, args, terminal));
        return 0;
      case 'suspend':
        print(await callApi(ctx, 'bankAccess.suspend', { id: idOf(args), confirm: true }));
        return 0;
      case 'reinitialise':
        print(await callApi(ctx, 'bankAccess.reinitialise', { id: idOf(args), confirm: true }));
        if (!json) io.out('Next: kontor bank init, then print the new letter for the bank.');
        return 0;
      default:
        io.err(`Unknown bank command: ${sub ?? '(none)'}\n\n${BANK_HELP}`);
        return 2;
    }
  } finally {
    ctx.close();
  }
}
