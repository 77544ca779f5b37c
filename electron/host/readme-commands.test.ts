/**
 * The README's command list is the program's: every command `kontor help`
 * lists appears in README.md's "Command line" block and the other way round,
 * and every listed command reaches its handler. Generic, so a command added
 * to one side only fails here.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testClock } from '../../test/support/clock';
import { runCli } from './cli';

const WORD = /^[a-z][a-z0-9-]*$/;

/** `group sub` (or a lone `status`) from a command line's words. */
function commandOf(words: readonly string[]): string | null {
  const [group, sub] = words;
  if (!group || !WORD.test(group)) return null;
  return sub && WORD.test(sub) ? `${group} ${sub}` : group;
}

/** The commands of `kontor help`: its lines indented by two spaces, and the `a | b` alternatives on them. */
export function helpCommands(help: string): Set<string> {
  const commands = new Set<string>();
  const list = help.slice(help.indexOf('Commands:'), help.indexOf('Options:'));
  for (const line of list.split('\n')) {
    if (!/^ {2}[a-z]/.test(line)) continue;
    // The description starts after a gap of two or more spaces.
    const usage = line.trim().split(/\s{2,}/)[0]!;
    for (const alternative of usage.split(' | ')) {
      const command = commandOf(alternative.trim().split(/\s+/));
      if (command) commands.add(command);
    }
  }
  return commands;
}

/** The commands of README.md's "Command line" section: every `kontor …` line of its code blocks. */
export function readmeCommands(readme: string): Set<string> {
  const start = readme.indexOf('## Command line');
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
  const commands = new Set<string>();
  for (const block of section.match(/```sh\n[\s\S]*?```/g) ?? []) {
    for (const line of block.split('\n')) {
      const m = /^kontor\s+(.*)$/.exec(line.trim());
      const command = m && commandOf(m[1]!.split(/\s+/).filter((w) => !w.startsWith('--')));
      if (command) commands.add(command);
    }
  }
  return commands;
}

async function run(argv: string[]) {
  const out: string[] = [];
  // `demo-bank start` runs until stopped: stop it at once.
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => out.push(l) }, () => Promise.resolve(), testClock);
  return { code, text: out.join('\n') };
}

describe('README.md’s command list', () => {
  it('reads commands from help text and README alike', () => {
    expect([
      ...helpCommands('Commands:\n  status        x\n  bank add --name N\n                more\n  demo-bank release <o> | demo-bank reject <o>\nOptions:'),
    ]).toEqual(['status', 'bank add', 'demo-bank release', 'demo-bank reject']);
    expect([
      ...readmeCommands('## Command line\n```sh\nkontor status   # x\nkontor --json orders list\nkontor bank letter 1 --out a.pdf\n```\n## Next'),
    ]).toEqual(['status', 'orders list', 'bank letter']);
  });

  it('names exactly the commands `kontor help` lists', async () => {
    const help = helpCommands((await run(['help'])).text);
    const readme = readmeCommands(readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8'));
    help.delete('help');
    expect(help.size).toBeGreaterThan(20);
    expect(
      [...help].filter((c) => !readme.has(c)),
      'in `kontor help` but not in README.md',
    ).toEqual([]);
    expect(
      [...readme].filter((c) => !help.has(c)),
      'in README.md but not in `kontor help`',
    ).toEqual([]);
  });

  it('lists only commands the program runs', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kontor-readme-'));
    try {
      const help = helpCommands((await run(['help'])).text);
      help.delete('help');
      for (const command of help) {
        // No arguments: most commands refuse for a missing one, which is fine; "unknown command" is not.
        const r = await run([...command.split(' '), '--data-dir', dataDir, '--port', '0']);
        expect(r.text, `kontor ${command}`).not.toMatch(/^Unknown .*command/m);
        expect(r.code, `kontor ${command}: ${r.text.slice(0, 200)}`).not.toBe(2);
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
