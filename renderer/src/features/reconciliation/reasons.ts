/**
 * The matcher's reasons and notes in words: `reason.code` is a message key
 * (`match.reference`, `note.rest`, …) and its params are filled in as the
 * user reads them (amounts and dates in their notation, IBANs grouped).
 * A code without a translation, or a translation whose parameters the
 * reason does not carry, shows the server's English sentence instead.
 */
import type { Reason } from '../../../../shared/reconcile';
import type { MessageKey } from '../../i18n/en';
import { isMessageKey, type Params, type Translator } from '../../i18n/translator';
import { ibanText } from '../statements/labels';

type Tr = Pick<Translator, 't' | 'amount' | 'date'>;

const VIA: Record<string, MessageKey> = { number: 'match.via.number', reference: 'match.via.reference' };

/**
 * The params as a sentence shows them. `…Cents` amounts are shown without
 * sign (the sentence says which way the money goes), also under the name
 * without the suffix (`openCents` → `{open}`).
 */
export function shownParams(tr: Tr, params: Reason['params'], currency: string): Params {
  const out: Params = {};
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === 'number' && key.endsWith('Cents')) {
      const text = tr.amount(Math.abs(value), currency);
      out[key] = text;
      out[key.slice(0, -'Cents'.length)] = text;
    } else if (key === 'date' && typeof value === 'string') {
      out[key] = tr.date(value);
    } else if (key === 'iban' && typeof value === 'string') {
      out[key] = ibanText(value);
    } else if (key === 'status' && typeof value === 'string' && isMessageKey(`words.payment.${value}`)) {
      // A payment's state in the glossary's word (docs/glossary.md), never the ledger's English code.
      out[key] = tr.t(`words.payment.${value}` as MessageKey);
    } else {
      out[key] = value;
    }
  }
  const via = typeof params.via === 'string' ? VIA[params.via] : undefined;
  out.what = tr.t(via ?? 'match.via.number');
  return out;
}

/** The message key for a reason: a variant when the params call for one, else the code itself. */
export function reasonKey(r: Pick<Reason, 'code' | 'params'>): MessageKey | undefined {
  const candidates: string[] = [];
  if ((r.code === 'match.return' || r.code === 'match.returnMandate') && r.params.returnReason !== undefined) candidates.push(`${r.code}WithReason`);
  if (r.code === 'note.ambiguous' && r.params.number !== undefined) candidates.push('note.ambiguousNumber');
  candidates.push(r.code);
  return candidates.find(isMessageKey);
}

/** A reason or note in the user's language; the server's English words where there is no translation. */
export function reasonText(tr: Tr, r: Reason, currency: string): string {
  const key = reasonKey(r);
  if (!key) return r.text;
  const text = tr.t(key, shownParams(tr, r.params, currency));
  return /\{\w+\}/.test(text) ? r.text : text;
}
