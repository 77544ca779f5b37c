/**
 * Passes 5 and 6: the exact running open amount with the counterparty's IBAN,
 * then with its name, within the entry's date window. Never sure: an amount
 * is found by chance; several fitting entries give the oldest, ambiguous.
 *
 * Indexed only when each pass starts, and only the entries still open for an
 * amount some remaining line has: by then most entries are out of the race,
 * and a day's statement has few lines.
 */
import { normaliseName } from '../normalise';
import { done, ibansOf, inWindow, lineIban, lineOptions, settle, settleable, type AmountIndex, type RunState } from '../run-state';
import { finish, note, reason, sign } from '../proposal';
import type { NoteCode, Reason } from '../types';

export function amountIbanPass(run: RunState): void {
  const byIban = amountIndex(run, 'iban');
  for (let i = 0; i < run.lines.length; i++) {
    if (done(run, i) || run.isReturn[i] || !lineOptions(run, i).fields.iban) continue;
    const iban = lineIban(run, i);
    if (!iban) continue;
    const why = reason('match.amountIban', { iban, amountCents: run.available[i]! }, 'amount and IBAN');
    byAmount(run, i, byIban, iban, { kind: 'amountIban', why, single: 0.8, several: 0.5 });
  }
}

export function amountNamePass(run: RunState): void {
  const byName = amountIndex(run, 'name');
  const lineNames = new Map<string, string>();
  for (let i = 0; i < run.lines.length; i++) {
    if (done(run, i) || run.isReturn[i] || !lineOptions(run, i).fields.name) continue;
    const line = run.lines[i]!;
    if (!line.counterpartyName) continue;
    let name = lineNames.get(line.counterpartyName);
    if (name === undefined) {
      name = normaliseName(line.counterpartyName);
      lineNames.set(line.counterpartyName, name);
    }
    if (!name) continue;
    const why = reason('match.amountName', { name: line.counterpartyName ?? '', amountCents: run.available[i]! }, 'amount and name');
    byAmount(run, i, byName, name, { kind: 'amountName', why, single: 0.6, several: 0.35 });
  }
}

/**
 * The index of one pass: the entries still open when the pass starts, by
 * counterparty key (each IBAN of the entry's account, or its normalised
 * name), then by that open amount, for the amounts the pass's lines still
 * have. Each pass builds its own: the entries pass 5 settles are settled in
 * full, so an index built after it holds exactly the entries that pass 6
 * could still take from one built before, and a few lines left for pass 6
 * want far fewer amounts than pass 5's.
 */
function amountIndex(run: RunState, by: 'iban' | 'name'): AmountIndex {
  const index: AmountIndex = new Map();
  const wanted = new Set<number>();
  for (let i = 0; i < run.lines.length; i++) {
    if (done(run, i) || run.isReturn[i]) continue;
    const line = run.lines[i]!;
    if (by === 'iban' ? line.counterpartyIban : line.counterpartyName) wanted.add(run.available[i]!);
  }
  if (wanted.size === 0) return index;
  const nameOfAccount = new Map<number, string>();
  for (let idx = 0; idx < run.entries.length; idx++) {
    const o = run.open[idx]!;
    if (o === 0 || !wanted.has(o)) continue;
    if (by === 'iban') {
      for (const iban of ibansOf(run, idx)) push(index, iban, o, idx);
      continue;
    }
    const e = run.entries[idx]!;
    let name = nameOfAccount.get(e.accountId);
    if (name === undefined) {
      name = normaliseName(e.accountName);
      nameOfAccount.set(e.accountId, name);
    }
    if (name) push(index, name, o, idx);
  }
  return index;
}

function push(map: AmountIndex, key: string, amount: number, idx: number): void {
  let inner = map.get(key);
  if (!inner) map.set(key, (inner = new Map()));
  const had = inner.get(amount);
  if (had === undefined) inner.set(amount, idx);
  else if (typeof had === 'number') inner.set(amount, [had, idx]);
  else had.push(idx);
}

interface AmountMatch {
  kind: 'amountIban' | 'amountName';
  why: Reason;
  /** Confidence when one entry fits, and when several do. */
  single: number;
  several: number;
}

/** Proposes the oldest entry under `key` open for exactly line i's amount within its date window, if any. */
function byAmount(run: RunState, i: number, index: AmountIndex, key: string, m: AmountMatch): void {
  const available = run.available[i]!;
  const found = index.get(key)?.get(available);
  if (found === undefined) return;
  const list = typeof found === 'number' ? [found] : found;
  const line = run.lines[i]!;
  const s = sign(available);
  const fits = list.filter((idx) => run.open[idx] === available && settleable(run, idx, s, line.currency) && inWindow(run, i, idx));
  if (fits.length === 0) return;
  fits.sort(run.byAge);
  const target = fits[0]!;
  const notes: Reason<NoteCode>[] = [];
  if (fits.length > 1) {
    notes.push(note('note.ambiguous', { count: fits.length }, `${fits.length} open entries of the same amount fit; the oldest is proposed`));
  }
  const a = settle(run, target, Math.abs(available))!;
  m.why.params.number = run.entries[target]!.number;
  m.why.params.entryId = run.entries[target]!.id;
  finish(run, i, [a], {
    kind: m.kind,
    why: m.why,
    notes,
    confidence: fits.length > 1 ? m.several : m.single,
    sure: false,
    alternatives: fits.slice(1).map((idx) => run.entries[idx]!.id),
  });
}
