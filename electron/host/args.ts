import { KontorError } from '../../shared/errors';
/**
 * A small argument reader for the CLI and host entry points: `--name value`,
 * `--name=value` and bare flags. Unknown options are the caller's to refuse.
 */
export interface ParsedArgs {
  positional: string[];
  /** The last value of each option. */
  options: Map<string, string | true>;
  /** Every value of each option, for options given more than once (`--hash a --hash b`). */
  all: Map<string, string[]>;
}

export function parseArgs(argv: readonly string[], flags: ReadonlySet<string> = new Set()): ParsedArgs {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  const all = new Map<string, string[]>();
  const set = (name: string, value: string | true) => {
    options.set(name, value);
    if (value !== true) all.set(name, [...(all.get(name) ?? []), value]);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    if (eq > 0) {
      set(arg.slice(2, eq), arg.slice(eq + 1));
    } else if (flags.has(arg.slice(2)) || i + 1 >= argv.length || argv[i + 1]!.startsWith('--')) {
      set(arg.slice(2), true);
    } else {
      set(arg.slice(2), argv[++i]!);
    }
  }
  return { positional, options, all };
}

/** The number of a record as typed (`3`): a positive whole number, or the error `code` saying what to type. */
export function recordNumber(text: string | undefined, code: string, message: string): number {
  const id = Number(text);
  if (!text || !Number.isInteger(id) || id <= 0) throw new KontorError(code, message);
  return id;
}

/**
 * `--expect-version N`: the version of the record the script saw, so its edit is refused (`edit.changedMeanwhile`)
 * when someone changed the record since. Without it the CLI edits the version it reads itself, as scripts always did.
 */
export function expectedVersion(args: ParsedArgs): number | undefined {
  if (!args.options.has('expect-version')) return undefined;
  return recordNumber(stringOption(args, 'expect-version'), 'cli.badOption', "--expect-version takes the record's version, a whole number from 1.");
}

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const v = args.options.get(name);
  return typeof v === 'string' ? v : undefined;
}

/**
 * The folder the user typed the command in, against which file names and
 * folders on the command line are read. `npm run kontor -- …` runs in the
 * repository and leaves the user's folder in INIT_CWD; anywhere else (npx,
 * the bin, a script run by another npm script) the working directory is it.
 * INIT_CWD alone is not enough: any process started under some npm script
 * inherits it.
 */
export function invocationDir(env: Readonly<Record<string, string | undefined>>, cwd: string): string {
  return env.npm_lifecycle_event === 'kontor' && env.INIT_CWD ? env.INIT_CWD : cwd;
}
