/**
 * Test support: reading the statements the bank serves back, independently
 * of the generators: camt with @xmldom/xmldom, MT940/MT942 line by line,
 * every amount parsed from its text straight into integer cents.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { unzipSync } from 'fflate';
import { parseAmount } from '../../shared/money';
import { ISO_SCHEMA_DIR } from './iso-xsd';

export interface CamtTransaction {
  amountCents?: number;
  endToEndId?: string;
  mandateId?: string;
  returnReason?: string;
  counterpartyName?: string;
  counterpartyIban?: string;
  remittance?: string;
}

export interface CamtEntry {
  /** Signed by CdtDbtInd. */
  amountCents: number;
  bookingDate: string;
  valueDate: string;
  reference: string;
  proprietaryCode: string;
  subFamily: string;
  batch?: { count: number; totalCents: number; paymentInfoId?: string; messageId?: string };
  transactions: CamtTransaction[];
}

export interface CamtReport {
  id: string;
  sequence: string;
  legalSequence?: string;
  from: string;
  to: string;
  iban: string;
  /** PRCD; absent in camt.054. */
  openingCents?: number;
  /** CLBD (053) or ITBD (052). */
  closingCents?: number;
  entries: CamtEntry[];
}

export interface CamtDocument {
  namespace: string;
  messageId: string;
  createdAt: string;
  reports: CamtReport[];
}

const elements = (parent: Element): Element[] => Array.from(parent.childNodes).filter((n): n is Element => n.nodeType === 1);
const child = (parent: Element | undefined, name: string): Element | undefined => (parent ? elements(parent).find((e) => e.localName === name) : undefined);
const childrenNamed = (parent: Element | undefined, name: string): Element[] => (parent ? elements(parent).filter((e) => e.localName === name) : []);
function at(parent: Element | undefined, path: string): Element | undefined {
  let el = parent;
  for (const name of path.split('/')) el = child(el, name);
  return el;
}
function text(parent: Element | undefined, path: string): string | undefined {
  const el = at(parent, path);
  return el ? (el.textContent ?? '').trim() : undefined;
}
function cents(t: string | undefined): number {
  if (t === undefined) throw new Error('amount missing');
  return parseAmount(t, { decimal: '.' });
}
function signed(parent: Element, amountPath = 'Amt'): number {
  const value = cents(text(parent, amountPath));
  return text(parent, 'CdtDbtInd') === 'DBIT' ? -value : value;
}

export function readCamt(xml: string): CamtDocument {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const root = doc.documentElement;
  if (!root) throw new Error('no document');
  const message = elements(root)[0];
  if (!message) throw new Error('no message');
  const header = child(message, 'GrpHdr');
  const reports = elements(message)
    .filter((e) => ['Stmt', 'Rpt', 'Ntfctn'].includes(e.localName ?? ''))
    .map((r): CamtReport => {
      const balances = new Map(childrenNamed(r, 'Bal').map((b) => [text(b, 'Tp/CdOrPrtry/Cd'), signed(b)]));
      const closing = balances.get('CLBD') ?? balances.get('ITBD');
      return {
        id: text(r, 'Id') ?? '',
        sequence: text(r, 'ElctrncSeqNb') ?? '',
        ...(text(r, 'LglSeqNb') !== undefined ? { legalSequence: text(r, 'LglSeqNb') } : {}),
        from: text(r, 'FrToDt/FrDtTm') ?? '',
        to: text(r, 'FrToDt/ToDtTm') ?? '',
        iban: text(r, 'Acct/Id/IBAN') ?? '',
        ...(balances.has('PRCD') ? { openingCents: balances.get('PRCD') } : {}),
        ...(closing !== undefined ? { closingCents: closing } : {}),
        entries: childrenNamed(r, 'Ntry').map((n): CamtEntry => {
          const details = child(n, 'NtryDtls');
          const batch = child(details, 'Btch');
          const entry: CamtEntry = {
            amountCents: signed(n),
            bookingDate: text(n, 'BookgDt/Dt') ?? '',
            valueDate: text(n, 'ValDt/Dt') ?? '',
            reference: text(n, 'AcctSvcrRef') ?? '',
            proprietaryCode: text(n, 'BkTxCd/Prtry/Cd') ?? '',
            subFamily: text(n, 'BkTxCd/Domn/Fmly/SubFmlyCd') ?? '',
            transactions: childrenNamed(details, 'TxDtls').map((t): CamtTransaction => {
              const amount = text(t, 'Amt') ?? text(t, 'AmtDtls/TxAmt/Amt');
              const out: CamtTransaction = {};
              if (amount !== undefined)
                out.amountCents = text(t, 'CdtDbtInd') === 'DBIT' || (text(t, 'CdtDbtInd') === undefined && signed(n) < 0) ? -cents(amount) : cents(amount);
              const put = (key: keyof CamtTransaction, value: string | undefined) => {
                if (value !== undefined) (out as Record<string, unknown>)[key] = value;
              };
              put('endToEndId', text(t, 'Refs/EndToEndId'));
              put('mandateId', text(t, 'Refs/MndtId'));
              put('returnReason', text(t, 'RtrInf/Rsn/Cd'));
              put(
                'counterpartyName',
                text(t, 'RltdPties/Dbtr/Nm') ?? text(t, 'RltdPties/Dbtr/Pty/Nm') ?? text(t, 'RltdPties/Cdtr/Nm') ?? text(t, 'RltdPties/Cdtr/Pty/Nm'),
              );
              put('counterpartyIban', text(t, 'RltdPties/DbtrAcct/Id/IBAN') ?? text(t, 'RltdPties/CdtrAcct/Id/IBAN'));
              const ustrd = childrenNamed(child(t, 'RmtInf'), 'Ustrd').map((u) => u.textContent ?? '');
              if (ustrd.length > 0) out.remittance = ustrd.join('');
              return out;
            }),
          };
          if (batch) {
            entry.batch = { count: Number(text(batch, 'NbOfTxs')), totalCents: signed(batch, 'TtlAmt') };
            const pmtInfId = text(batch, 'PmtInfId');
            const msgId = text(batch, 'MsgId');
            if (pmtInfId !== undefined) entry.batch.paymentInfoId = pmtInfId;
            if (msgId !== undefined) entry.batch.messageId = msgId;
          }
          return entry;
        }),
      };
    });
  return { namespace: root.namespaceURI ?? '', messageId: text(header, 'MsgId') ?? '', createdAt: text(header, 'CreDtTm') ?? '', reports };
}

/** The files of a ZIP container, as UTF-8 text, by name. */
export function unzipText(data: Uint8Array): Map<string, string> {
  const files = unzipSync(data);
  return new Map(Object.entries(files).map(([name, bytes]) => [name, new TextDecoder().decode(bytes)]));
}

export interface MtLine {
  amountCents: number;
  valueDate: string;
  mark: string;
  /** The `:86:` field, continuation lines joined. */
  information: string;
}

export interface MtMessage {
  reference: string;
  account: string;
  number: string;
  openingCents?: number;
  closingCents?: number;
  lines: MtLine[];
}

function mtAmount(t: string): number {
  return parseAmount(t, { decimal: ',' });
}

/** MT940 / MT942 messages (CRLF lines, `-` ends a message); balances signed by C/D, lines by C/D/RC/RD. */
export function readMt(text: string): MtMessage[] {
  const messages: MtMessage[] = [];
  for (const block of text.split('\r\n-\r\n').filter((b) => b.trim() !== '')) {
    const fields: string[] = [];
    for (const line of block.split('\r\n')) {
      if (/^:[0-9]{2}[A-Z]?:/.test(line)) fields.push(line);
      else if (fields.length > 0) fields[fields.length - 1] += line;
    }
    const msg: MtMessage = { reference: '', account: '', number: '', lines: [] };
    for (const f of fields) {
      const [, tag = '', value = ''] = /^:([0-9]{2}[A-Z]?):(.*)$/s.exec(f) ?? [];
      if (tag === '20') msg.reference = value;
      else if (tag === '25') msg.account = value;
      else if (tag === '28C') msg.number = value;
      else if (tag === '60F' || tag === '62F') {
        const m = /^([CD])([0-9]{6})([A-Z]{3})([0-9]+,[0-9]*)$/.exec(value);
        if (!m) throw new Error(`bad balance ${value}`);
        const amount = mtAmount(m[4] ?? '') * (m[1] === 'D' ? -1 : 1);
        if (tag === '60F') msg.openingCents = amount;
        else msg.closingCents = amount;
      } else if (tag === '61') {
        const m = /^([0-9]{6})([0-9]{4})?(RC|RD|C|D)([0-9]+,[0-9]*)N/.exec(value);
        if (!m) throw new Error(`bad :61: ${value}`);
        const negative = m[3] === 'D' || m[3] === 'RC';
        msg.lines.push({ valueDate: m[1] ?? '', mark: m[3] ?? '', amountCents: mtAmount(m[4] ?? '') * (negative ? -1 : 1), information: '' });
      } else if (tag === '86') {
        const last = msg.lines.at(-1);
        if (last) last.information = value;
      }
    }
    messages.push(msg);
  }
  return messages;
}

/** Validates many documents against one ISO schema with a single xmllint run; `output` names the files that fail. */
export function validateAllAgainstSchema(documents: ReadonlyMap<string, string>, schemaFile: string): { valid: boolean; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'kontor-xsd-many-'));
  try {
    const files = [...documents.entries()].map(([name, xml], i) => {
      const file = join(dir, `${String(i).padStart(5, '0')}-${name.replace(/[^A-Za-z0-9._-]/g, '_')}`);
      writeFileSync(file, xml, 'utf8');
      return file;
    });
    if (files.length === 0) return { valid: false, output: 'no documents' };
    const run = spawnSync('xmllint', ['--nonet', '--noout', '--schema', join(ISO_SCHEMA_DIR, schemaFile), ...files], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const output = `${run.stdout}${run.stderr}`;
    const validated = output.split('\n').filter((l) => / validates$/.test(l)).length;
    return {
      valid: run.status === 0 && validated === files.length,
      output: output
        .split('\n')
        .filter((l) => !/ validates$/.test(l))
        .join('\n'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
