/**
 * Pass 4: entry numbers and payment references in the remittance text. Each
 * text is scanned once for the longest known references; each reference is
 * resolved to one entry still open in the line's direction (the spelling as
 * written first, then the paying account's entries, then the oldest). Lines
 * naming exactly one entry for exactly its open amount go first, so that a
 * noisy line naming the same entry cannot take its money away.
 */
import { emptyParts, normaliseIban, rawRun, referenceRaw, runBounded, splitParts, type Parts } from '../normalise';
import { done, hitIdx, hitVia, ibansOf, lineOptions, settleable, type HitCode, type RunState } from '../run-state';
import { sign } from '../proposal';
import { assignReferences, type Chosen } from './reference-proposal';

/** A remittance text is scanned for at most this many references (a pasted account statement stops here). */
const MAX_NAMED_ENTRIES = 50;

interface TextHit {
  /** The run as written in the text (upper case, zeros kept). */
  raw: string;
  hits: HitCode | HitCode[];
}

export function referencesPass(run: RunState): void {
  const parts = emptyParts();
  const refLines: number[] = [];
  const refHits: TextHit[][] = [];
  for (let i = 0; i < run.lines.length; i++) {
    if (done(run, i) || run.isReturn[i] || !lineOptions(run, i).fields.reference) continue;
    const text = run.lines[i]!.remittance;
    if (!text) continue;
    const found = scan(run, text, parts);
    if (found.length === 0) continue;
    refLines.push(i);
    refHits.push(found);
  }
  // Sure candidates first (one entry, exactly its open amount).
  const first: number[] = [];
  const later: number[] = [];
  const firstChoice: Chosen[][] = [];
  for (let k = 0; k < refLines.length; k++) {
    const i = refLines[k]!;
    const c = resolve(run, i, refHits[k]!);
    const only = c[0];
    if (c.length === 1 && only && !only.weak && !only.otherIban && only.alternatives.length === 0 && run.open[only.idx] === run.available[i]) {
      first.push(k);
      firstChoice[k] = c;
    } else later.push(k);
  }
  for (const k of first) {
    const i = refLines[k]!;
    const c = firstChoice[k]!;
    // Still exactly open (no earlier line named the same entry)? Else resolve again.
    const chosen = run.open[c[0]!.idx] === run.available[i] ? c : resolve(run, i, refHits[k]!);
    if (chosen.length > 0) assignReferences(run, i, chosen);
  }
  for (const k of later) {
    const i = refLines[k]!;
    const chosen = resolve(run, i, refHits[k]!);
    if (chosen.length > 0) assignReferences(run, i, chosen);
  }
}

/** The known references in a text, longest first at each position, at most MAX_NAMED_ENTRIES. */
function scan(run: RunState, text: string, parts: Parts): TextHit[] {
  const { firstParts, refIndex, maxKeyParts } = run;
  splitParts(text, 400, parts);
  const out: TextHit[] = [];
  let at = 0;
  while (at < parts.length && out.length < MAX_NAMED_ENTRIES) {
    // No key starts with this part, or it continues a number ("00023" in "2019/00023").
    if (!firstParts.has(parts.norm[at]!) || (at > 0 && parts.hard[at] === 0 && parts.digit[at] === 1 && parts.digit[at - 1] === 1)) {
      at++;
      continue;
    }
    let key = '';
    let bestLen = 0;
    let bestHits: HitCode | HitCode[] | undefined;
    const limit = Math.min(maxKeyParts, parts.length - at);
    for (let len = 1; len <= limit; len++) {
      key = len === 1 ? parts.norm[at]! : `${key}|${parts.norm[at + len - 1]!}`;
      const hits = refIndex.get(key);
      if (hits !== undefined && runBounded(parts, at, at + len - 1)) {
        bestLen = len;
        bestHits = hits;
      }
    }
    if (bestHits !== undefined) {
      out.push({ raw: rawRun(parts, at, at + bestLen - 1), hits: bestHits });
      at += bestLen;
    } else at++;
  }
  return out;
}

/** How an index hit's key is spelled in the entry (only needed to break a tie). */
function rawOf(run: RunState, code: HitCode): string {
  const e = run.entries[hitIdx(code)]!;
  return referenceRaw((code & 1 ? e.paymentReference : e.number) ?? '');
}

/** The entry each found reference stands for, given the running open amounts. */
function resolve(run: RunState, i: number, found: TextHit[]): Chosen[] {
  const line = run.lines[i]!;
  const s = sign(run.available[i]!);
  const iban = normaliseIban(line.counterpartyIban);
  const chosen: Chosen[] = [];
  for (const t of found) {
    let c: HitCode[];
    if (typeof t.hits === 'number') c = settleable(run, hitIdx(t.hits), s, line.currency) ? [t.hits] : [];
    else c = t.hits.filter((h) => settleable(run, hitIdx(h), s, line.currency));
    if (c.length === 0) continue;
    if (c.length > 1) {
      // Prefer the spelling exactly as written ("INV01" over "INV001"), then the entries of the paying account.
      const exact = c.filter((h) => rawOf(run, h) === t.raw);
      if (exact.length > 0) c = exact;
    }
    if (c.length > 1 && iban) {
      const own = c.filter((h) => ibansOf(run, hitIdx(h)).includes(iban));
      if (own.length > 0) c = own;
    }
    const order = c.length === 1 ? [hitIdx(c[0]!)] : c.map(hitIdx).sort(run.byAge);
    const first = order[0]!;
    // The same entry named twice (number and reference, or repeated): once.
    if (chosen.some((x) => x.idx === first)) continue;
    const code = c.length === 1 ? c[0]! : c.find((h) => hitIdx(h) === first)!;
    const ibans = ibansOf(run, first);
    chosen.push({
      idx: first,
      via: hitVia(code),
      weak: (run.weakBits[first]! & (code & 1 ? 2 : 1)) !== 0,
      alternatives: order.slice(1),
      otherIban: iban !== '' && ibans.length > 0 && !ibans.includes(iban),
    });
  }
  return chosen;
}
