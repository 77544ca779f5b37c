import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Clock } from '../../shared/dates';
import { KontorError } from '../../shared/errors';
import { defaultDataDir } from '../services/data-dir';
import {
  activateDemoSubscriber,
  addDemoSubscriber,
  decideDemoOrderAtDesk,
  DEMO_BANK_DEFAULT_PORT,
  signDemoOrderAtDesk,
  addDemoHolder,
  demoBankRules,
  demoHolders,
  deskAddress,
  letterPdf,
  runDemoBank,
  type DeskOptions,
} from '../services/demo-bank-desk';
import { stringOption, type ParsedArgs } from './args';
import type { CliIo } from './cli';

export const DEMO_BANK_HELP = `  demo-bank start [--port N]
                run the demo bank (EBICS 2.5 and 3.0, host ID KONTORDEMO) on 127.0.0.1 until Ctrl+C
  demo-bank add-subscriber --partner P --user U [--accounts N] [--name NAME] [--class T|E|A|B] [--port N]
                provision a subscriber with its demo accounts and print its user letter, naming the
                address of the bank running on this data folder (or of --port N);
                --class is its signature class (T transport, the default; E alone; A and B together)
  demo-bank activate <partner> <user> [--out confirmation.pdf] [--json]
                play the clerk who compared the initialisation letter; prints the bank's
                confirmation letter with its key hashes (and writes it as PDF with --out)
  demo-bank release <order> | demo-bank reject <order>
                play the authorised signer of an uploaded order
  demo-bank holders add --iban IBAN --name NAME | demo-bank holders list
                the register of account holders the verification of payee compares names with
  demo-bank rules [--single-payment-vop required|optional] [--json]
                the bank's rules for every customer: with "required" it refuses a credit transfer file
                with a single payment sent without verification of payee, as some banks do
  demo-bank sign <order> --partner P --user U [--cancel]
                a signer of the partner signs (or cancels) the order at the bank's counter
                (released by one E, or A and B, or two A)
                (the bank keeps its files in <data folder>/demo-bank, where the window's demo bank
                 keeps them too; --data-dir D moves both, as for every command)`;

/** `<data folder>/demo-bank`, as README.md says and the window's embedded bank uses. */
export function bankDir(args: ParsedArgs): string {
  const explicit = stringOption(args, 'data-dir');
  return join(explicit ? resolve(explicit) : defaultDataDir(), 'demo-bank');
}

function portOf(args: ParsedArgs): number | undefined {
  const text = stringOption(args, 'port');
  if (text === undefined) return undefined;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new KontorError('cli.badPort', `--port must be a number from 0 to 65535, not ${text}.`);
  return port;
}

function required(args: ParsedArgs, name: string, example: string): string {
  const v = stringOption(args, name);
  if (!v) throw new KontorError('cli.missingOption', `--${name} is required, e.g. ${example}.`);
  return v;
}

function desk(args: ParsedArgs, clock: Clock): DeskOptions {
  const port = portOf(args);
  return { dataDir: bankDir(args), ...(port !== undefined ? { port } : {}), clock };
}

/** `stop` resolves when a long-running command should end (Ctrl+C in a terminal). */
export async function demoBankCommand(args: ParsedArgs, io: CliIo, stop: () => Promise<void>, clock: Clock): Promise<number> {
  const [, sub, ...rest] = args.positional;
  switch (sub) {
    case 'start': {
      const o = { port: DEMO_BANK_DEFAULT_PORT, ...desk(args, clock) };
      const bank = await runDemoBank(o);
      io.out(`Demo bank running at ${bank.url} (host ID ${bank.hostId}); data in ${o.dataDir}`);
      if (bank.initialLetter) io.out(`\n${bank.initialLetter}`);
      io.out('Press Ctrl+C to stop.');
      await stop();
      await bank.close();
      return 0;
    }
    case 'add-subscriber': {
      const accountsText = stringOption(args, 'accounts');
      const accounts = accountsText === undefined ? undefined : Number(accountsText);
      if (accounts !== undefined && (!Number.isInteger(accounts) || accounts < 0 || accounts > 20)) {
        throw new KontorError('cli.badAccounts', '--accounts must be a whole number from 0 to 20.');
      }
      const name = stringOption(args, 'name');
      const signatureClass = stringOption(args, 'class');
      if (signatureClass !== undefined && !['T', 'E', 'A', 'B'].includes(signatureClass)) {
        throw new KontorError('cli.badClass', '--class must be T, E, A or B.');
      }
      const o = desk(args, clock);
      const letter = addDemoSubscriber(o, {
        partnerId: required(args, 'partner', '--partner KONTOR02'),
        userId: required(args, 'user', '--user USER01'),
        ...(accounts !== undefined ? { accounts } : {}),
        ...(name ? { name } : {}),
        ...(signatureClass ? { signatureClass: signatureClass as 'T' | 'E' | 'A' | 'B' } : {}),
      });
      const address = deskAddress(o);
      if (args.options.has('json')) {
        io.out(JSON.stringify({ letter, url: address.url, running: address.running }, null, 2));
        return 0;
      }
      io.out(letter);
      if (!address.running)
        io.err(
          `\nNo demo bank runs on ${o.dataDir} now; the letter names ${address.url}. Start it there: kontor demo-bank start${o.port !== undefined ? ` --port ${o.port}` : ''}`,
        );
      return 0;
    }
    case 'activate': {
      const [partner, user] = rest;
      if (!partner || !user) throw new KontorError('cli.missingArgument', 'Name the partner and user: kontor demo-bank activate KONTOR01 USER01');
      const letter = activateDemoSubscriber(desk(args, clock), partner, user);
      const out = stringOption(args, 'out');
      if (out) writeFileSync(resolve(out), await letterPdf(letter));
      if (args.options.has('json')) {
        io.out(JSON.stringify({ partnerId: partner, userId: user, letter, ...(out ? { file: resolve(out) } : {}) }, null, 2));
        return 0;
      }
      io.out(letter);
      if (out) io.out(`\nConfirmation letter written to ${resolve(out)}`);
      return 0;
    }
    case 'release':
    case 'reject': {
      const [order] = rest;
      if (!order) throw new KontorError('cli.missingArgument', `Name the order: kontor demo-bank ${sub} A001`);
      decideDemoOrderAtDesk(desk(args, clock), order, sub);
      const outcome = sub === 'release' ? 'released' : 'rejected';
      io.out(args.options.has('json') ? JSON.stringify({ orderId: order, outcome }) : `Order ${order} ${outcome}.`);
      return 0;
    }
    case 'holders': {
      if (rest[0] === 'add') {
        const h = addDemoHolder(desk(args, clock), required(args, 'iban', '--iban DE02120300000000202051'), required(args, 'name', '--name "Papier AG"'));
        io.out(args.options.has('json') ? JSON.stringify(h) : `Holder ${h.name} of ${h.iban} registered.`);
        return 0;
      }
      if (rest[0] === 'list') {
        const all = demoHolders(desk(args, clock));
        io.out(args.options.has('json') ? JSON.stringify(all, null, 2) : all.map((h) => `${h.iban}  ${h.name}`).join('\n'));
        return 0;
      }
      throw new KontorError('cli.missingArgument', 'kontor demo-bank holders add --iban IBAN --name NAME, or kontor demo-bank holders list');
    }
    case 'rules': {
      const single = stringOption(args, 'single-payment-vop');
      if (single !== undefined && single !== 'required' && single !== 'optional')
        throw new KontorError('cli.badOption', '--single-payment-vop must be required or optional.');
      const rules = demoBankRules(desk(args, clock), single === undefined ? {} : { singlePaymentNeedsVop: single === 'required' });
      io.out(
        args.options.has('json')
          ? JSON.stringify(rules, null, 2)
          : `Single credit transfers without verification of payee: ${rules.singlePaymentNeedsVop ? 'refused' : 'accepted'}.`,
      );
      return 0;
    }
    case 'sign': {
      const [order] = rest;
      if (!order) throw new KontorError('cli.missingArgument', 'Name the order: kontor demo-bank sign A001 --partner KONTOR01 --user SIGA');
      const outcome = signDemoOrderAtDesk(
        desk(args, clock),
        order,
        required(args, 'partner', '--partner KONTOR01'),
        required(args, 'user', '--user SIGA'),
        args.options.has('cancel') ? 'cancel' : 'sign',
      );
      io.out(args.options.has('json') ? JSON.stringify({ orderId: order, outcome }) : `Order ${order}: ${outcome}.`);
      return 0;
    }
    default:
      io.err(`Unknown demo-bank command: ${sub ?? '(none)'}\n\n${DEMO_BANK_HELP}`);
      return 2;
  }
}
