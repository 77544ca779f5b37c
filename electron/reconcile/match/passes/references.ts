/**
 * Pass 4: entry numbers and payment references in the remittance text. Each
 * text is scanned once for the longest known references; each reference is
 * resolved to one entry still open in the line's direction (the spelling as
 * written first, then the paying account's entries, then the oldest). Lines
 * naming exactly one entry for exactly its open amount go first, so that a
 * noisy line naming the same entry cannot take its money away.
 */
import { emptyParts, normFirstCode, normOf, rawRun, referenceRaw, runBounded, splitParts, type Parts } from '../normalise';
import { done, hitIdx, hitVia, ibansOf, keyLengthBit, lineIban, lineOptions, settleable, type HitCode, type RunState } from '../run-state';
import { sign } from '../proposal';
import { assignReferences, type Chosen } from './reference-proposal';

/** A remittance text is scanned for at most this many references (a pasted account statement stops here). */
const MAX_NAMED_ENTRIES = 50;

/**
 * The references found in all remittance texts, flat: reference line k
 * (`lines[k]`) has hits `start[k]` up to `start[k + 1]`. One set of arrays
 * for the run, not an object per hit: at 1,000,000 lines they lived through
 * the whole pass and cost the garbage collector a share of it.
 */
interface Found {
  lines: number[];
  start: number[];
  hits: (HitCode | HitCode[])[];
  /** The run as written in the text (upper case, zeros kept), only where several entries share the key: only then is it compared. */
  raw: string[];
}

/** No alternatives: one array for every reference that names a single entry (only ever read). */
const NONE: readonly number[] = [];

export function referencesPass(run: RunState): void {
  const parts = emptyParts();
  const found: Found = { lines: [], start: [0], hits: [], raw: [] };
  for (let i = 0; i < run.lines.length; i++) {
    if (done(run, i) || run.isReturn[i] || !lineOptions(run, i).fields.reference) continue;
    const text = run.lines[i]!.remittance;
    if (!text) continue;
    if (scan(run, text, parts, found) === 0) continue;
    found.lines.push(i);
    found.start.push(found.hits.length);
  }
  // Sure candidates first (one entry, exactly its open amount), kept as their hit code only: the choice
  // is rebuilt when assigned, so that no object per line lives through the pass.
  const first: number[] = [];
  const firstCode: HitCode[] = [];
  const later: number[] = [];
  for (let k = 0; k < found.lines.length; k++) {
    const i = found.lines[k]!;
    const c = resolve(run, i, found, k);
    const only = c[0];
    if (c.length === 1 && only && !only.weak && !only.otherIban && only.alternatives.length === 0 && run.open[only.idx] === run.available[i]) {
      first.push(k);
      firstCode.push(only.idx * 2 + (only.via === 'reference' ? 1 : 0));
    } else later.push(k);
  }
  for (let f = 0; f < first.length; f++) {
    const k = first[f]!;
    const i = found.lines[k]!;
    const idx = hitIdx(firstCode[f]!);
    // Still exactly open (no earlier line named the same entry)? Else resolve again.
    const chosen: Chosen[] =
      run.open[idx] === run.available[i] ? [{ idx, via: hitVia(firstCode[f]!), weak: false, alternatives: NONE, otherIban: false }] : resolve(run, i, found, k);
    if (chosen.length > 0) assignReferences(run, i, chosen);
  }
  for (const k of later) {
    const i = found.lines[k]!;
    const chosen = resolve(run, i, found, k);
    if (chosen.length > 0) assignReferences(run, i, chosen);
  }
}

/**
 * Appends the known references in a text to `found`, longest first at each
 * position, at most MAX_NAMED_ENTRIES; returns how many.
 */
function scan(run: RunState, text: string, parts: Parts, found: Found): number {
  const { firstParts, firstCodes, refIndex, maxKeyParts } = run;
  splitParts(text, 400, parts, false);
  let count = 0;
  let at = 0;
  while (at < parts.length && count < MAX_NAMED_ENTRIES) {
    // No key starts with this part, or it continues a number ("00023" in "2019/00023").
    if ((at > 0 && parts.hard[at] === 0 && parts.digit[at] === 1 && parts.digit[at - 1] === 1) || !startsKey(firstCodes, parts, at)) {
      at++;
      continue;
    }
    const first = normOf(parts, at);
    const lengths = firstParts.get(first);
    if (lengths === undefined) {
      at++;
      continue;
    }
    let key = '';
    let bestLen = 0;
    let bestHits: HitCode | HitCode[] | undefined;
    // Only up to the longest key that starts so (bit 30: 31 parts or more, up to the longest of all).
    const longest = lengths >= keyLengthBit(31) ? maxKeyParts : 32 - Math.clz32(lengths);
    const limit = Math.min(longest, parts.length - at);
    for (let len = 1; len <= limit; len++) {
      key = len === 1 ? first : `${key}|${normOf(parts, at + len - 1)}`;
      // No key of this length starts so: a lookup (a cache miss in a million keys) would find nothing.
      if ((lengths & keyLengthBit(len)) === 0) continue;
      const hits = refIndex.get(key);
      if (hits !== undefined && runBounded(parts, at, at + len - 1)) {
        bestLen = len;
        bestHits = hits;
      }
    }
    if (bestHits !== undefined) {
      found.hits.push(bestHits);
      found.raw.push(typeof bestHits === 'number' ? '' : rawRun(parts, at, at + bestLen - 1));
      count++;
      at += bestLen;
    } else at++;
  }
  return count;
}

/** May part `at` start a reference, by its first character alone? (No string built: most words of a text start none.) */
function startsKey(firstCodes: Uint8Array, parts: Parts, at: number): boolean {
  const c = normFirstCode(parts, at);
  return c < 0 || firstCodes[c] === 1;
}

/** How an index hit's key is spelled in the entry (only needed to break a tie). */
function rawOf(run: RunState, code: HitCode): string {
  const e = run.entries[hitIdx(code)]!;
  return referenceRaw((code & 1 ? e.paymentReference : e.number) ?? '');
}

/** The entry each reference found in reference line k's text stands for, given the running open amounts. */
function resolve(run: RunState, i: number, found: Found, k: number): Chosen[] {
  const line = run.lines[i]!;
  const s = sign(run.available[i]!);
  const iban = lineIban(run, i);
  const chosen: Chosen[] = [];
  for (let h = found.start[k]!; h < found.start[k + 1]!; h++) {
    const hits = found.hits[h]!;
    let code: HitCode;
    let alternatives = NONE;
    if (typeof hits === 'number') {
      if (!settleable(run, hitIdx(hits), s, line.currency)) continue;
      code = hits;
    } else {
      const c = candidates(run, i, hits, found.raw[h]!, s, iban);
      if (c.length === 0) continue;
      const order = c.length === 1 ? [hitIdx(c[0]!)] : c.map(hitIdx).sort(run.byAge);
      code = c.length === 1 ? c[0]! : c.find((x) => hitIdx(x) === order[0])!;
      alternatives = order.slice(1);
    }
    const first = hitIdx(code);
    // The same entry named twice (number and reference, or repeated): once.
    if (named(chosen, first)) continue;
    const ibans = ibansOf(run, first);
    chosen.push({
      idx: first,
      via: hitVia(code),
      weak: (run.weakBits[first]! & (code & 1 ? 2 : 1)) !== 0,
      alternatives,
      otherIban: iban !== '' && ibans.length > 0 && !ibans.includes(iban),
    });
  }
  return chosen;
}

/** The entries under one key that line i could settle, narrowed to the spelling as written, then to the paying account's. */
function candidates(run: RunState, i: number, hits: HitCode[], raw: string, s: number, iban: string): HitCode[] {
  const currency = run.lines[i]!.currency;
  let c = hits.filter((h) => settleable(run, hitIdx(h), s, currency));
  if (c.length > 1) {
    // Prefer the spelling exactly as written ("INV01" over "INV001"), then the entries of the paying account.
    const exact = c.filter((h) => rawOf(run, h) === raw);
    if (exact.length > 0) c = exact;
  }
  if (c.length > 1 && iban) {
    const own = c.filter((h) => ibansOf(run, hitIdx(h)).includes(iban));
    if (own.length > 0) c = own;
  }
  return c;
}

function named(chosen: readonly Chosen[], idx: number): boolean {
  for (const x of chosen) if (x.idx === idx) return true;
  return false;
}
