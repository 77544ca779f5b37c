import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { useKontorHost } from './kontor-host';
import { demoBankAccess, seed } from './seed';

const host = useKontorHost();

/** An account of the company that no bank access serves: its statements come as files. */
const IMPORT_IBAN = 'DE02120300000000202051';
const grouped = (iban: string) => iban.replace(/(.{4})(?=.)/g, '$1 ');

/** A small camt.053 of one day with two bookings, as other banking software exports it. */
const CAMT_053 = `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
  <BkToCstmrStmt>
    <GrpHdr>
      <MsgId>E2E-IMPORT-MSG-0001</MsgId>
      <CreDtTm>2026-01-05T22:00:00+01:00</CreDtTm>
    </GrpHdr>
    <Stmt>
      <Id>E2E-IMPORT-20260105</Id>
      <ElctrncSeqNb>1</ElctrncSeqNb>
      <CreDtTm>2026-01-05T22:00:00+01:00</CreDtTm>
      <FrToDt>
        <FrDtTm>2026-01-05T00:00:00+01:00</FrDtTm>
        <ToDtTm>2026-01-05T23:59:59+01:00</ToDtTm>
      </FrToDt>
      <Acct>
        <Id><IBAN>${IMPORT_IBAN}</IBAN></Id>
        <Ccy>EUR</Ccy>
      </Acct>
      <Bal>
        <Tp><CdOrPrtry><Cd>PRCD</Cd></CdOrPrtry></Tp>
        <Amt Ccy="EUR">1000.00</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <Dt><Dt>2026-01-04</Dt></Dt>
      </Bal>
      <Bal>
        <Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp>
        <Amt Ccy="EUR">1150.00</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <Dt><Dt>2026-01-05</Dt></Dt>
      </Bal>
      <Ntry>
        <Amt Ccy="EUR">250.00</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <Sts>BOOK</Sts>
        <BookgDt><Dt>2026-01-05</Dt></BookgDt>
        <ValDt><Dt>2026-01-05</Dt></ValDt>
        <AcctSvcrRef>E2E-REF-0001</AcctSvcrRef>
        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
        <NtryDtls>
          <TxDtls>
            <Refs><EndToEndId>E2E-RE-100</EndToEndId></Refs>
            <RltdPties>
              <Dbtr><Nm>Importtest Kundin GmbH</Nm></Dbtr>
              <DbtrAcct><Id><IBAN>DE89370400440532013000</IBAN></Id></DbtrAcct>
            </RltdPties>
            <RmtInf><Ustrd>Rechnung RE-100 Importtest</Ustrd></RmtInf>
          </TxDtls>
        </NtryDtls>
      </Ntry>
      <Ntry>
        <Amt Ccy="EUR">100.00</Amt>
        <CdtDbtInd>DBIT</CdtDbtInd>
        <Sts>BOOK</Sts>
        <BookgDt><Dt>2026-01-05</Dt></BookgDt>
        <ValDt><Dt>2026-01-05</Dt></ValDt>
        <AcctSvcrRef>E2E-REF-0002</AcctSvcrRef>
        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>ICDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
        <NtryDtls>
          <TxDtls>
            <Refs><EndToEndId>E2E-ER-200</EndToEndId></Refs>
            <RltdPties>
              <Cdtr><Nm>Importtest Lieferant AG</Nm></Cdtr>
              <CdtrAcct><Id><IBAN>DE75512108001245126199</IBAN></Id></CdtrAcct>
            </RltdPties>
            <RmtInf><Ustrd>Eingangsrechnung ER-200</Ustrd></RmtInf>
          </TxDtls>
        </NtryDtls>
      </Ntry>
    </Stmt>
  </BkToCstmrStmt>
</Document>
`;

/** "1,234 lines · sum EUR 5,678.90" → 1234 */
async function lineCount(page: Page): Promise<number> {
  const text = (await page.getByTestId('lines-total').textContent()) ?? '';
  const m = /^([0-9,]+) lines?/.exec(text);
  return m ? Number(m[1]!.replace(/,/g, '')) : NaN;
}

test('statements are fetched from the demo bank, browsed, filtered, opened, exported, and imported from a file once', async ({ page }) => {
  test.setTimeout(120_000);
  const violations: string[] = [];
  page.on('console', (m) => {
    // The inline positions of the virtualised rows must not need a weaker policy.
    if (/^Refused to .*Content Security Policy/i.test(m.text())) violations.push(m.text());
  });

  // The daily fetch would otherwise fetch by itself once the access is ready: this test fetches by hand.
  expect(await seed(host(), 'settings.update', { autoFetchStatements: false })).toMatchObject({ autoFetchStatements: false });
  const { accessId, ownIban } = await demoBankAccess(host());
  const entity = await seed(host(), 'entities.create', { name: 'Muster Handels GmbH', creditorId: 'DE98ZZZ09999999999' });
  await seed(host(), 'bankAccounts.create', { entityId: entity.id, bankAccessId: accessId, name: 'Geschäftskonto', iban: ownIban });

  await page.goto(host().url);
  await page.getByRole('navigation').getByRole('link', { name: 'Statements' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Statements' })).toBeVisible();
  await expect(page.getByText('No statements yet')).toBeVisible();

  // End-of-day statements (the default), as far back as a first fetch reaches.
  await expect(page.getByLabel('What', { exact: true })).toHaveValue('eod');
  await page.getByRole('button', { name: 'Fetch from bank' }).click();
  const fetched = page.getByTestId('fetch-result');
  await expect(fetched).toContainText(/Demobank: \d+ statements? stored/, { timeout: 60_000 });

  // The account with its balance (the demo subscriber may hold more than one), and its chart.
  const account = page.getByTestId('statement-account').filter({ hasText: grouped(ownIban) });
  await expect(account).toContainText('Geschäftskonto');
  await expect(account).toContainText(/EUR -?[0-9,]+\.[0-9]{2} on [0-9]{4}-[0-9]{2}-[0-9]{2}/);
  await account.click();
  await expect(account).toHaveAttribute('aria-pressed', 'true');
  const chart = page.getByTestId('balance-chart');
  await expect(chart).toBeVisible();
  await expect(chart).toHaveAttribute('aria-label', /^Closing balance of Geschäftskonto on \d+ days from /);
  await expect(page.getByTestId('balance-line')).toHaveAttribute('d', /^M[0-9.]+ [0-9.]+/);

  // Statements by day, each with its balance check.
  const statementRows = page.getByTestId('statement-list').getByRole('row');
  expect(await statementRows.count()).toBeGreaterThan(1);
  await expect(page.getByTestId('statement-list')).toContainText('balanced');

  // The lines: only the visible ones are in the page.
  const rows = page.getByTestId('statement-line-row');
  await expect(rows.first()).toBeVisible();
  await expect(page.getByTestId('lines-total')).toHaveText(/^[0-9,]+ lines? · sum EUR -?[0-9,]+\.[0-9]{2}$/);
  const all = await lineCount(page);
  expect(all).toBeGreaterThan(1);
  expect(await rows.count()).toBeLessThanOrEqual(Math.min(all, 60));

  // Incoming only: fewer lines, all of them credits.
  await page.getByLabel('Direction', { exact: true }).selectOption({ label: 'Incoming (credits)' });
  await expect.poll(() => lineCount(page)).toBeLessThan(all);
  const incoming = await lineCount(page);
  expect(incoming).toBeGreaterThan(0);
  await expect(page.getByTestId('lines-grid').locator('.amount.negative')).toHaveCount(0);

  // An amount range in the user's notation narrows it further; text nobody wrote finds nothing.
  await page.getByLabel('Amount from', { exact: true }).fill('0.01');
  await page.getByLabel('Amount to', { exact: true }).fill('1,000,000.00');
  await expect.poll(() => lineCount(page)).toBeLessThanOrEqual(incoming);
  await page.getByLabel('Search', { exact: true }).fill('no such remittance zzz');
  await expect(page.getByTestId('lines-total')).toHaveText(/^0 lines/);
  await expect(page.getByText('No line matches the filter.')).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect.poll(() => lineCount(page)).toBe(all);

  // One statement's lines only.
  const firstStatement = page.getByTestId('statement-list').getByRole('button').first();
  await firstStatement.click();
  await expect(firstStatement).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => lineCount(page)).toBeLessThan(all);
  await page.getByRole('button', { name: 'Show all lines' }).first().click();
  await expect.poll(() => lineCount(page)).toBe(all);

  // The detail with the bank's raw text; keyboard: arrows select, Enter opens, Escape closes.
  await rows.first().click();
  const detail = page.getByRole('dialog', { name: 'Statement line' });
  await expect(detail).toBeVisible();
  await expect(detail.getByTestId('line-raw')).toContainText(/<Ntry>|:61:/);
  await expect(detail).toContainText('Booking date');
  await page.keyboard.press('Escape');
  await expect(detail).toBeHidden();
  const grid = page.getByTestId('lines-grid');
  await grid.focus();
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(detail).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(detail).toBeHidden();

  // Export of the filtered lines.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const csv = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
  const csvLines = csv.trim().split(/\r?\n/);
  expect(csvLines[0]).toMatch(/^Account,Booking date,Value date,Amount,/);
  expect(csvLines.length - 1).toBe(all);
  expect(csvLines[1]).toContain(ownIban);

  // A file dropped on the screen is imported.
  const screen = page.getByTestId('statements-screen');
  const dataTransfer = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'kontoauszug-e2e.xml', { type: 'application/xml' }));
    return dt;
  }, CAMT_053);
  await screen.dispatchEvent('dragenter', { dataTransfer });
  await screen.dispatchEvent('dragover', { dataTransfer });
  await expect(page.getByText('Drop the statement file to import it')).toBeVisible();
  await screen.dispatchEvent('drop', { dataTransfer });
  await expect(page.getByTestId('import-result')).toHaveText('“kontoauszug-e2e.xml”: 1 statement stored.');
  const imported = page.getByTestId('statement-account').filter({ hasText: grouped(IMPORT_IBAN) });
  await expect(imported).toContainText('EUR 1,150.00');
  await imported.click();
  await expect(page.getByTestId('lines-total')).toHaveText('2 lines · sum EUR 150.00');
  await expect(rows.filter({ hasText: 'Importtest Lieferant AG' })).toContainText('-100.00');

  // The same file again, chosen this time: nothing is stored twice.
  await page
    .getByLabel('Statement file to import')
    .setInputFiles({ name: 'kontoauszug-e2e.xml', mimeType: 'application/xml', buffer: Buffer.from(CAMT_053, 'utf8') });
  await expect(page.getByRole('alert')).toContainText('already imported');
  await expect(page.getByTestId('lines-total')).toHaveText('2 lines · sum EUR 150.00');

  expect(violations).toEqual([]);
});
