import { describe, expect, it } from 'vitest';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { parseAmount } from '../../../shared/money';
import { buildCamt, camtNamespace, type CamtKind, type CamtOptions, type CamtVersion } from './camt';
import { balanceBefore } from './period';
import { ACCOUNT, booking, HISTORY, PERIOD } from './test-fixtures';

const OPENING = 1_000_000;

function options(overrides: Partial<CamtOptions> = {}): CamtOptions {
  return {
    account: ACCOUNT,
    bookings: HISTORY,
    ...PERIOD,
    statementId: '2026-04-30-0001',
    sequenceNumber: 17,
    openingCents: OPENING,
    messageId: 'KONTOR-DEMO-0001',
    createdAt: '2026-05-01T04:30:00Z',
    ...overrides,
  };
}

/** Reads a generated document back: its elements in the camt namespace. */
function read(kind: CamtKind, version: CamtVersion, xml: string) {
  const ns = camtNamespace(kind, version);
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const all = (name: string, parent: { getElementsByTagNameNS(ns: string, n: string): ArrayLike<Element> } = doc): Element[] =>
    Array.from(parent.getElementsByTagNameNS(ns, name));
  const child = (parent: Element, name: string): Element | undefined =>
    Array.from(parent.childNodes).find((n): n is Element => n.nodeType === 1 && (n as Element).localName === name);
  const text = (parent: Element, ...path: string[]): string | undefined => {
    let el: Element | undefined = parent;
    for (const name of path) el = el === undefined ? undefined : child(el, name);
    return el?.textContent ?? undefined;
  };
  const signed = (el: Element): number => {
    const cents = parseAmount(text(el, 'Amt') ?? '', { decimal: '.' });
    return text(el, 'CdtDbtInd') === 'DBIT' ? -cents : cents;
  };
  return { doc, ns, all, child, text, signed };
}

describe('camt documents', () => {
  it.each([
    ['053', 'CLBD'],
    ['052', 'ITBD'],
  ] as const)('camt.%s: opening balance plus the entries gives the %s balance', (kind, closingCode) => {
    for (const version of ['02', '08'] as const) {
      const x = read(kind, version, buildCamt(kind, version, options()));
      const balances = new Map(x.all('Bal').map((b) => [x.text(b, 'Tp', 'CdOrPrtry', 'Cd'), x.signed(b)]));
      expect([...balances.keys()]).toEqual(['PRCD', closingCode]);
      const entries = x.all('Ntry');
      expect(entries.length).toBe(HISTORY.length);
      const sum = entries.reduce((s, e) => s + x.signed(e), 0);
      expect(balances.get('PRCD')).toBe(OPENING);
      expect(balances.get(closingCode)).toBe(OPENING + sum);
      expect(sum).toBe(HISTORY.reduce((s, b) => s + b.amountCents, 0));
    }
  });

  it.each([
    ['052', 'BkToCstmrAcctRpt', 'Rpt'],
    ['053', 'BkToCstmrStmt', 'Stmt'],
    ['054', 'BkToCstmrDbtCdtNtfctn', 'Ntfctn'],
  ] as const)('camt.%s uses %s/%s in its own namespace', (kind, message, report) => {
    for (const version of ['02', '08'] as const) {
      const x = read(kind, version, buildCamt(kind, version, options()));
      expect(x.doc.documentElement?.namespaceURI).toBe(`urn:iso:std:iso:20022:tech:xsd:camt.${kind}.001.${version}`);
      expect(x.all(message)).toHaveLength(1);
      const container = x.all(report)[0];
      expect(container && x.text(container, 'Acct', 'Id', 'IBAN')).toBe(ACCOUNT.iban);
      expect(container && x.text(container, 'Acct', 'Svcr', 'FinInstnId', version === '02' ? 'BIC' : 'BICFI')).toBe(ACCOUNT.bic);
      if (kind === '054') expect(x.all('Bal')).toHaveLength(0);
    }
  });

  it('states the period in German local time and dates the opening balance on the previous TARGET2 day', () => {
    const x = read('053', '08', buildCamt('053', '08', options()));
    const period = x.all('FrToDt')[0];
    expect(period && x.text(period, 'FrDtTm')).toBe('2026-03-02T00:00:00+01:00');
    expect(period && x.text(period, 'ToDtTm')).toBe('2026-04-30T23:59:59+02:00');
    const dates = x.all('Bal').map((b) => x.text(b, 'Dt', 'Dt'));
    expect(dates).toEqual(['2026-02-27', '2026-04-30']);
  });

  it('chains statements: the closing balance of March opens April', () => {
    const closingOf = (xml: string): number | undefined => {
      const x = read('053', '08', xml);
      const closing = x.all('Bal').find((b) => x.text(b, 'Tp', 'CdOrPrtry', 'Cd') === 'CLBD');
      return closing && x.signed(closing);
    };
    const march = buildCamt('053', '08', options({ from: '2026-03-01', to: '2026-03-31' }));
    const aprilOpening = balanceBefore(ACCOUNT, HISTORY, '2026-04-01', OPENING);
    expect(closingOf(march)).toBe(aprilOpening);
    const april = buildCamt('053', '08', options({ from: '2026-04-01', to: '2026-04-30', openingCents: aprilOpening }));
    expect(closingOf(april)).toBe(closingOf(buildCamt('053', '08', options())));
  });

  it('camt.054 needs no opening balance; camt.053 refuses to guess one', () => {
    expect(() => buildCamt('054', '08', options({ openingCents: undefined }))).not.toThrow();
    expect(() => buildCamt('053', '08', options({ openingCents: undefined }))).toThrow(/openingCents/);
  });

  it('writes the status as text in .02 and as a code in .08', () => {
    expect(buildCamt('053', '02', options())).toMatch(/<Sts>BOOK<\/Sts>/);
    const v8 = buildCamt('053', '08', options());
    expect(v8).not.toMatch(/<Sts>BOOK<\/Sts>/);
    expect(v8).toMatch(/<Sts>\s*<Cd>BOOK<\/Cd>\s*<\/Sts>/);
  });

  it('gives every entry ISO and DK transaction codes', () => {
    const x = read('053', '08', buildCamt('053', '08', options()));
    for (const entry of x.all('Ntry')) {
      expect(x.text(entry, 'BkTxCd', 'Domn', 'Cd')).toMatch(/^[A-Z]{4}$/);
      expect(x.text(entry, 'BkTxCd', 'Domn', 'Fmly', 'SubFmlyCd')).toMatch(/^[A-Z]{4}$/);
      expect(x.text(entry, 'BkTxCd', 'Prtry', 'Cd')).toMatch(/^N[A-Z]{3}\+\d{3}\+\d{4}$/);
      expect(x.text(entry, 'BkTxCd', 'Prtry', 'Issr')).toBe('DK');
    }
  });

  it('splits a batch booking into Btch with the count and one TxDtls per payment', () => {
    const batch = HISTORY.find((b) => b.batch !== undefined);
    const x = read('053', '08', buildCamt('053', '08', options({ bookings: batch ? [batch] : [] })));
    const entry = x.all('Ntry')[0];
    expect(entry).toBeDefined();
    if (entry === undefined || batch?.batch === undefined) return;
    expect(x.text(entry, 'NtryDtls', 'Btch', 'NbOfTxs')).toBe(String(batch.batch.count));
    expect(x.text(entry, 'NtryDtls', 'Btch', 'PmtInfId')).toBe(batch.batch.paymentInfoId);
    const txs = x.all('TxDtls', entry);
    expect(txs).toHaveLength(batch.batch.items.length);
    expect(txs.map((t) => x.text(t, 'Refs', 'EndToEndId'))).toEqual(batch.batch.items.map((i) => i.endToEndId));
    expect(txs.reduce((s, t) => s + x.signed(t), 0)).toBe(batch.amountCents);
    expect(x.text(txs[0] ?? entry, 'RltdPties', 'Cdtr', 'Pty', 'Id', 'PrvtId', 'Othr', 'Id')).toBe(batch.creditorId);
  });

  it('marks a return with its reason and keeps the customer as debtor', () => {
    const ret = HISTORY.find((b) => b.returnReason !== undefined);
    for (const version of ['02', '08'] as const) {
      const x = read('053', version, buildCamt('053', version, options({ bookings: ret ? [ret] : [] })));
      const entry = x.all('Ntry')[0];
      if (entry === undefined || ret === undefined) throw new Error('no return in the history');
      expect(x.text(entry, 'CdtDbtInd')).toBe('DBIT');
      expect(x.child(entry, 'RvslInd')).toBeUndefined();
      const tx = x.all('TxDtls', entry)[0] ?? entry;
      expect(x.text(tx, 'RtrInf', 'Rsn', 'Cd')).toBe(ret.returnReason);
      expect(x.text(tx, 'Refs', 'MndtId')).toBe(ret.mandateId);
      const debtorName = version === '02' ? x.text(tx, 'RltdPties', 'Dbtr', 'Nm') : x.text(tx, 'RltdPties', 'Dbtr', 'Pty', 'Nm');
      expect(debtorName).toBe(ret.counterpartyName);
      expect(x.text(tx, 'RltdPties', 'DbtrAcct', 'Id', 'IBAN')).toBe(ret.counterpartyIban);
    }
  });

  it('marks a reversal with RvslInd and the direction of the reversing entry', () => {
    const reversal = HISTORY.find((b) => b.reversal === true);
    const x = read('053', '08', buildCamt('053', '08', options({ bookings: reversal ? [reversal] : [] })));
    const entry = x.all('Ntry')[0];
    if (entry === undefined) throw new Error('no reversal in the history');
    expect(x.text(entry, 'RvslInd')).toBe('true');
    expect(x.text(entry, 'CdtDbtInd')).toBe('CRDT');
  });

  it('splits remittance longer than 140 characters into Ustrd pieces that join back to the text', () => {
    const remittance = `RE-2026-0100 ${'Lieferung Mai, '.repeat(20)}Ende`;
    const x = read('053', '02', buildCamt('053', '02', options({ bookings: [booking({ remittance })] })));
    const pieces = x.all('Ustrd').map((u) => u.textContent ?? '');
    expect(pieces.length).toBe(Math.ceil(remittance.length / 140));
    expect(pieces.every((p) => p.length <= 140)).toBe(true);
    expect(pieces.join('')).toBe(remittance);
  });

  it('escapes &, < and umlauts in names and remittance and reads them back unchanged', () => {
    const name = 'Müller & <Söhne> GmbH';
    const remittance = 'Rechnung <RE-2026-0042> & "Zubehör" für Größe ß';
    const xml = buildCamt('053', '08', options({ bookings: [booking({ counterpartyName: name, remittance })] }));
    expect(xml).toContain('Müller &amp; &lt;Söhne&gt; GmbH');
    expect(xml).not.toContain('<Söhne>');
    const x = read('053', '08', xml);
    expect(x.all('Nm').map((n) => n.textContent)).toContain(name);
    expect(x.all('Ustrd').map((n) => n.textContent)).toEqual([remittance]);
  });

  it('escapes every & of bank-received text, also where it looks like an entity (R&D;, &amp;), and splits remittance before escaping', () => {
    const name = 'R&D; Labor GmbH';
    const remittance = `AT&T; &amp; &#38; ${'&'.repeat(150)}`;
    for (const version of ['02', '08'] as const) {
      const xml = buildCamt('053', version, options({ bookings: [booking({ counterpartyName: name, remittance })] }));
      expect(xml).toContain('R&amp;D; Labor GmbH');
      const x = read('053', version, xml);
      expect(x.doc.getElementsByTagName('parsererror')).toHaveLength(0);
      expect(x.all('Nm').map((n) => n.textContent)).toContain(name);
      const pieces = x.all('Ustrd').map((u) => u.textContent ?? '');
      expect(pieces.every((p) => p.length <= 140)).toBe(true);
      expect(pieces.join('')).toBe(remittance);
    }
  });

  it('writes only the account’s bookings inside the period', () => {
    const inside = booking({ bookingDate: '2026-03-10' });
    const before = booking({ bookingDate: '2026-03-09' });
    const otherAccount = booking({ accountIban: 'DE02760501010010203040' });
    const xml = buildCamt('053', '08', options({ bookings: [before, inside, otherAccount], from: '2026-03-10', to: '2026-03-10' }));
    const x = read('053', '08', xml);
    expect(x.all('AcctSvcrRef').map((r) => r.textContent)).toEqual([inside.bankReference]);
  });

  it('refuses a booking in another currency', () => {
    expect(() => buildCamt('053', '08', options({ bookings: [booking({ currency: 'CHF' })] }))).toThrow(/CHF/);
  });
});
