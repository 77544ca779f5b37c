/**
 * Words and rules about a bank access that several screens share: which
 * setup step a state resumes at, state names, days left, and the bank's
 * errors made ready for translation.
 */
import type { BankAccess, BankAccessState, EbicsVersion } from '../../../../shared/domain';
import { isBusinessDate } from '../../../../shared/dates';
import type { MessageKey } from '../../i18n/en';
import { problemFromError, type Problem } from '../../i18n/problems';

export const SETUP_STEPS = ['details', 'keys', 'letter', 'waiting', 'validate', 'done'] as const;
export type SetupStep = (typeof SETUP_STEPS)[number];

export const STEP_LABEL: Record<SetupStep, MessageKey> = {
  details: 'setup.step.details',
  keys: 'setup.step.keys',
  letter: 'setup.step.letter',
  waiting: 'setup.step.waiting',
  validate: 'setup.step.validate',
  done: 'setup.step.done',
};

/** Where the wizard continues for an access in this state; null when the access cannot be set up (suspended, expired). */
export function resumeStep(state: BankAccessState): SetupStep | null {
  switch (state) {
    case 'new':
    case 'keys_created':
    case 'ini_sent':
      return 'keys';
    case 'hia_sent':
      return 'letter';
    case 'bank_keys_fetched':
      return 'validate';
    case 'ready':
      return 'done';
    case 'suspended':
    case 'expired':
      return null;
  }
}

/** Not ready yet, and on the way there: the wizard is the place for it. */
export function isInSetup(state: BankAccessState): boolean {
  return state !== 'ready' && state !== 'suspended' && state !== 'expired';
}

/** The initialisation letter can be printed (again) while the bank has not confirmed. */
export function canPrintLetter(state: BankAccessState): boolean {
  return state === 'hia_sent' || state === 'bank_keys_fetched';
}

export const STATE_LABEL: Record<BankAccessState, MessageKey> = {
  new: 'access.state.new',
  keys_created: 'access.state.keys_created',
  ini_sent: 'access.state.ini_sent',
  hia_sent: 'access.state.hia_sent',
  bank_keys_fetched: 'access.state.bank_keys_fetched',
  ready: 'access.state.ready',
  suspended: 'access.state.suspended',
  expired: 'access.state.expired',
};

export function stateBadgeClass(state: BankAccessState): string {
  if (state === 'ready') return 'badge badge-ok';
  if (state === 'suspended' || state === 'expired') return 'badge badge-danger';
  if (state === 'hia_sent' || state === 'bank_keys_fetched') return 'badge badge-open';
  return 'badge badge-warn';
}

export const VERSION_NUMBER: Record<EbicsVersion, string> = { H004: '2.5', H005: '3.0' };
/** `EBICS 2.5`: how banks and users name the versions (H004, H005 are the protocol's names). */
export const VERSION_LABEL: Record<EbicsVersion, string> = { H004: 'EBICS 2.5', H005: 'EBICS 3.0' };
/** Newest first: what Kontor prefers when the bank speaks several. */
export const VERSIONS_NEWEST_FIRST: readonly EbicsVersion[] = ['H005', 'H004'];

export function highestVersion(versions: readonly EbicsVersion[]): EbicsVersion | undefined {
  return VERSIONS_NEWEST_FIRST.find((v) => versions.includes(v));
}

/** Keys are renewed in their last 30 days; from then on the user sees a warning. */
export const RENEWAL_DAYS = 30;

/** The fewest days any of the access's keys has left; null before keys exist. */
export function lowestDaysLeft(access: Pick<BankAccess, 'keys'>): number | null {
  const days = [access.keys.signature, access.keys.authentication, access.keys.encryption].map((k) => k.daysLeft).filter((d): d is number => d !== null);
  return days.length ? Math.min(...days) : null;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The local calendar date of an instant (or the date itself), for display. */
export function localDate(value: string | null | undefined): string | null {
  if (!value) return null;
  if (isBusinessDate(value)) return value;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return null;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** `HH:MM` local time of an instant. */
export function localTime(value: string | null | undefined): string | null {
  if (!value || isBusinessDate(value)) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const STATES = new Set<string>(Object.keys(STATE_LABEL));

/**
 * An error from a bank access call, ready for the translator: the key a
 * hash mismatch is about becomes the translation's reason, and a state in
 * the parameters is put into words.
 */
export function bankProblem(e: unknown, t: (key: MessageKey) => string): Problem {
  const p = problemFromError(e);
  const params = { ...(p.params ?? {}) };
  if (p.code === 'bankAccess.hashMismatch' && typeof params.which === 'string') params.reason = params.which;
  if (typeof params.state === 'string' && STATES.has(params.state)) params.state = t(STATE_LABEL[params.state as BankAccessState]);
  return { ...p, params };
}

/** The bank has the keys but has not activated the user yet (it waits for the signed letter). */
export function isNotActivatedYet(p: Problem): boolean {
  return p.code === 'ebics.invalidUserOrUserState';
}

export type PasswordStrength = 'tooShort' | 'weak' | 'fair' | 'strong';
export const MIN_PASSWORD_LENGTH = 10;

/** A rough guess of how hard a password is to guess: length times alphabet, less for repetition. */
export function passwordStrength(password: string): PasswordStrength {
  const chars = [...password];
  if (chars.length < MIN_PASSWORD_LENGTH) return 'tooShort';
  let pool = 0;
  if (/[a-z]/.test(password)) pool += 26;
  if (/[A-Z]/.test(password)) pool += 26;
  if (/[0-9]/.test(password)) pool += 10;
  if (/[^A-Za-z0-9]/.test(password)) pool += 33;
  const distinct = new Set(chars).size;
  const bits = Math.min(chars.length, distinct * 2) * Math.log2(Math.max(pool, 2));
  if (bits < 50) return 'weak';
  if (bits < 80) return 'fair';
  return 'strong';
}
