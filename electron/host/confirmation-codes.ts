/**
 * The browser host's way to ask the person at the keyboard: at the moment a
 * page asks for a confirmed call, the host prints a one-time code on its own
 * terminal, and the call goes through only when it is repeated with that code.
 * A program that only talks HTTP to the host never sees the code; a code is
 * good for one call of one kind on one access, for a short time, and a few
 * wrong tries spend it.
 */
import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../shared/dates';
import { toInstantIso } from '../../shared/dates';
import { confirmationTexts } from '../services/bank-access/confirmation-texts';
import type { Confirm, ConfirmationRequest } from '../services/context';

export const CODE_VALID_SECONDS = 120;
export const MAX_WRONG_TRIES = 3;
/** Codes asked for but not used; the oldest goes when more are asked for. */
const MAX_PENDING = 20;

interface Pending {
  call: ConfirmationRequest['call'];
  accessId: number;
  code: string;
  expiresAt: number;
  wrongTries: number;
  spent: boolean;
}

export interface ConfirmationCodeOptions {
  clock: Clock;
  /** The host's own terminal (stdout): where the person sees the code. */
  print: (text: string) => void;
}

/** `12345678` → `1234 5678`: easier to read off a terminal and type. */
const grouped = (code: string) => `${code.slice(0, 4)} ${code.slice(4)}`;

/** What the terminal shows: what is asked, for which access, the code and how long it holds. */
export function codeAnnouncement(request: ConfirmationRequest, code: string, validSeconds: number): string {
  const texts = confirmationTexts(request);
  const de = request.locale === 'de';
  return [
    '',
    de ? 'Kontor — Bestätigung im Browser angefordert:' : 'Kontor — confirmation asked for in the browser:',
    `  ${texts.message}`,
    `  ${texts.detail}`,
    de
      ? `  Bestätigungscode: ${grouped(code)}   (gilt ${validSeconds / 60} Minuten, einmal)`
      : `  Confirmation code: ${grouped(code)}   (valid for ${validSeconds / 60} minutes, once)`,
    de ? 'Geben Sie ihn nur ein, wenn Sie das selbst angestoßen haben.' : 'Type it into the page only if you asked for this yourself.',
    '',
  ].join('\n');
}

function sameCode(typed: string, code: string): boolean {
  const a = Buffer.from(typed.replace(/[\s-]/g, ''));
  const b = Buffer.from(code);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function confirmationCodes(o: ConfirmationCodeOptions): Confirm {
  const pending = new Map<string, Pending>();
  const now = () => o.clock.now().getTime();

  function forgetOld(): void {
    for (const [id, p] of pending) if (p.expiresAt < now()) pending.delete(id);
    while (pending.size >= MAX_PENDING) pending.delete(pending.keys().next().value!);
  }

  return async (request) => {
    if (!request.code) {
      forgetOld();
      const id = randomBytes(12).toString('base64url');
      const code = String(randomInt(0, 100_000_000)).padStart(8, '0');
      const expiresAt = now() + CODE_VALID_SECONDS * 1000;
      pending.set(id, { call: request.call, accessId: request.access.id, code, expiresAt, wrongTries: 0, spent: false });
      o.print(codeAnnouncement(request, code, CODE_VALID_SECONDS));
      return { result: 'codeSent', id, expiresAt: toInstantIso(new Date(expiresAt)) };
    }
    const p = pending.get(request.code.id);
    // A code is for the call and access it was printed for, nothing else.
    if (!p || p.spent || p.call !== request.call || p.accessId !== request.access.id) return { result: 'refused', reason: 'codeSpent' };
    if (p.expiresAt < now()) {
      pending.delete(request.code.id);
      return { result: 'refused', reason: 'codeExpired' };
    }
    if (!sameCode(request.code.code, p.code)) {
      p.wrongTries += 1;
      if (p.wrongTries >= MAX_WRONG_TRIES) p.spent = true;
      return { result: 'refused', reason: 'codeWrong' };
    }
    p.spent = true;
    return { result: 'confirmed' };
  };
}
