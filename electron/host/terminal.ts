/**
 * The CLI's questions to the person at the keyboard: a line typed at the
 * terminal, a password typed without echo, and the confirmation the services
 * ask for before keys leave Kontor, are replaced, or an access is blocked.
 * Without a terminal on standard input nobody can answer, and such calls are
 * refused; there is deliberately no option that answers for the person.
 */
import { createInterface } from 'node:readline';
import { KontorError } from '../../shared/errors';
import { confirmationTexts } from '../services/bank-access/confirmation-texts';
import type { Confirm } from '../services/context';

export interface Terminal {
  /** True when a person can answer: standard input is a terminal. */
  readonly interactive: boolean;
  /** Shows `question` and reads one line. */
  ask(question: string): Promise<string>;
  /** Like ask, without showing what is typed. */
  askSecret(question: string): Promise<string>;
}

const cancelled = () => new KontorError('confirmation.cancelled', 'Cancelled; nothing was changed.');

function ask(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    // Ctrl+C answers "no" instead of leaving the question open.
    rl.on('SIGINT', () => {
      rl.close();
      resolve('');
    });
    rl.question(question, (answer) => {
      rl.close();
      resolve(answer);
    });
  });
}

function askSecret(question: string): Promise<string> {
  const stdin = process.stdin;
  return new Promise((resolve, reject) => {
    let text = '';
    const finish = (error?: KontorError) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(text);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return finish();
        if (ch === '\u0003' || ch === '\u0004') return finish(cancelled()); // Ctrl+C, Ctrl+D
        if (ch === '\u007f' || ch === '\b') text = [...text].slice(0, -1).join('');
        else if (ch >= ' ') text += ch;
      }
    };
    process.stderr.write(question);
    stdin.setRawMode(true);
    stdin.setEncoding('utf8');
    stdin.on('data', onData);
    stdin.resume();
  });
}

export function processTerminal(): Terminal {
  return { interactive: process.stdin.isTTY === true, ask, askSecret };
}

/** `confirm` for the CLI: the question on the terminal; only "yes" (or "ja") goes ahead. */
export function terminalConfirm(terminal: Terminal): Confirm {
  return async (request) => {
    if (!terminal.interactive) return { result: 'refused', reason: 'noTerminal' };
    const t = confirmationTexts(request);
    const prompt = request.locale === 'de' ? 'Zum Bestätigen „ja“ eingeben, alles andere bricht ab: ' : 'Type yes to confirm, anything else cancels: ';
    const answer = await terminal.ask(`\n${t.title}\n${t.message}\n${t.detail}\n${prompt}`);
    return /^(yes|ja)$/i.test(answer.trim()) ? { result: 'confirmed' } : { result: 'cancelled' };
  };
}
