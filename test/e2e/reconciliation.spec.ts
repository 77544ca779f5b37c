import { expect, test, type Locator, type Page } from '@playwright/test';
import { OUR_IBAN, SPARKASSE_CSV, windows1252 } from './fixtures/sparkasse-csv';
import { useKontorHost } from './kontor-host';
import { seed } from './seed';

const host = useKontorHost();

const FILE_NAME = 'Umsaetze_Girokonto.csv';

/** Drops the Sparkasse export onto `target` the way a file manager does: dragenter, dragover, drop, with the file in a DataTransfer. */
async function dropCsv(page: Page, target: Locator, name = FILE_NAME): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ({ bytes, name }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(bytes)], name, { type: 'text/csv' }));
      return dt;
    },
    { bytes: windows1252(SPARKASSE_CSV), name },
  );
  await target.dispatchEvent('dragenter', { dataTransfer });
  await target.dispatchEvent('dragover', { dataTransfer });
  await target.dispatchEvent('drop', { dataTransfer });
}

test('a bank CSV dropped onto the window is checked, imported once, matched, reviewed and assigned until the entries are Balanced', async ({ page }) => {
  test.setTimeout(120_000);
  const violations: string[] = [];
  const pageErrors: string[] = [];
  page.on('console', (m) => {
    if (/^Refused to .*Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));

  // The company, its Sparkasse account, three customers with open receivables.
  const entity = await seed(host(), 'entities.create', { name: 'Kontor Demo GmbH', creditorId: 'DE98ZZZ09999999999' });
  await seed(host(), 'bankAccounts.create', { entityId: entity.id, name: 'Sparkasse Geschäftskonto', iban: OUR_IBAN });
  const mueller = await seed(host(), 'accounts.create', { kind: 'customer', number: 'K-100', name: 'Müller & Söhne KG' });
  const schmidt = await seed(host(), 'accounts.create', { kind: 'customer', number: 'K-200', name: 'Schmidt Bau GmbH' });
  const becker = await seed(host(), 'accounts.create', { kind: 'customer', number: 'K-300', name: 'Hans Becker e.K.' });
  const receivable = (accountId: number, number: string, amountCents: number, dueDate: string) =>
    seed(host(), 'entries.create', { entityId: entity.id, accountId, type: 'Debit', number, statementDate: '2026-10-01', dueDate, amountCents });
  await receivable(mueller.id, 'RE-2026-001', 123456, '2026-10-31');
  await receivable(schmidt.id, 'RE-2026-002', 123456, '2026-10-31');
  await receivable(schmidt.id, 'RE-2026-003', 123456, '2026-11-15');
  await receivable(becker.id, 'RE-2026-004', 25000, '2026-10-31');

  await page.goto(host().url);
  await page.getByRole('navigation').getByRole('link', { name: 'Reconciliation' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Reconciliation' })).toBeVisible();
  await expect(page.getByText('No open proposals')).toBeVisible();

  // The export, dropped onto the screen: the window takes it and opens the bank CSV dialog.
  await dropCsv(page, page.locator('main'));
  const dialog = page.getByRole('dialog', { name: 'Import a bank’s CSV export' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('bankcsv-proposal')).toContainText('Looks like a Sparkasse (CSV-CAMT) export');
  await expect(dialog.getByLabel('Profile', { exact: true })).toHaveValue('Sparkasse (CSV-CAMT)');
  await expect(dialog.getByTestId('bankcsv-detected')).toHaveText(
    'Encoding Windows-1252 / ISO-8859-1, separator Semicolon ;, header in line 5, decimal separator Comma (1.234,56), dates dd.mm.yyyy.',
  );
  await expect(dialog.getByTestId('bankcsv-metadata')).toContainText('Konto ; DE89 3704 0044 0532 0130 00');
  await expect(dialog.getByLabel('Our account')).toHaveValue(OUR_IBAN);
  await expect(dialog.getByLabel('Amount', { exact: true })).toHaveValue('Betrag');

  // The preview: the rows as they will be stored, umlauts read right, amounts and dates parsed.
  const counts = dialog.getByTestId('bankcsv-counts');
  await expect(counts).toContainText('4 rows: 4 to import, 0 skipped, 0 filtered out, 0 with errors');
  const table = dialog.getByTestId('bankcsv-preview-table');
  const first = table.getByRole('row').filter({ hasText: 'RE-2026-001' });
  await expect(first.getByRole('cell').nth(1)).toHaveText('6');
  await expect(first).toContainText('2026-11-03');
  await expect(first).toContainText('1,234.56 EUR');
  await expect(first).toContainText('Müller & Söhne KG');
  await expect(table.getByRole('row').filter({ hasText: 'Kontoführung November' })).toContainText('-12.00');

  // A filter with a mistake is shown where it is wrong; a good one filters; then none.
  const filter = dialog.getByLabel('Keep only rows where');
  await filter.fill('Betrag >');
  await expect(dialog.getByTestId('bankcsv-filter-mark')).toBeVisible();
  await expect(dialog.getByRole('button', { name: /^Import/ })).toBeDisabled();
  await filter.fill('Betrag > 0');
  await expect(counts).toContainText('4 rows: 3 to import, 0 skipped, 1 filtered out, 0 with errors');
  await filter.fill('');
  await expect(counts).toContainText('4 rows: 4 to import');

  // The bank's fees are left out by hand: line 8.
  await dialog.getByLabel('Skip line 8').check();
  await expect(counts).toContainText('4 rows: 3 to import, 1 skipped, 0 filtered out, 0 with errors');
  await dialog.getByRole('button', { name: 'Import 3 rows' }).click();
  const result = dialog.getByTestId('bankcsv-result');
  await expect(result).toContainText('Stored as a statement of DE89 3704 0044 0532 0130 00 for 2026-11-03 – 2026-11-06: 3 lines.');

  // "Find matches now": the proposals, each with its reason.
  await result.getByRole('button', { name: 'Find matches now' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('run-result')).toHaveText('Looked at 3 bank lines: 2 proposals, 1 of them sure.');
  await expect(page.getByTestId('open-proposals')).toHaveText('2 open proposals');
  const proposals = page.getByTestId('proposal');
  await expect(proposals).toHaveCount(2);
  const sure = proposals.filter({ hasText: 'RE-2026-001' });
  await expect(sure.getByTestId('proposal-reason')).toHaveText('Why: Invoice number RE-2026-001 in the remittance text');
  await expect(sure).toContainText('sure');
  await expect(sure).toContainText('Confidence 95 %');
  const consolidated = proposals.filter({ hasText: 'Schmidt Bau GmbH' });
  await expect(consolidated.getByTestId('proposal-reason')).toHaveText(
    'Why: Invoice numbers RE-2026-002, RE-2026-003 in the remittance text: one payment for 2 entries',
  );
  await expect(consolidated).toContainText('to review');
  await expect(consolidated.getByRole('row', { name: /RE-2026-002/ })).toContainText('settles EUR 1,234.56');

  // The consolidated payment, accepted on its own (keyboard: the button names the line).
  const accept = page.getByRole('button', { name: 'Accept match for line 2026-11-04, EUR 2,469.12, Schmidt Bau GmbH' });
  await accept.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('decision-result')).toContainText('Line 2026-11-04, EUR 2,469.12, Schmidt Bau GmbH assigned to RE-2026-002, RE-2026-003.');
  await expect(proposals).toHaveCount(1);

  // The sure one with "accept all sure matches", after a confirmation naming count and total.
  await page.getByRole('button', { name: 'Accept all sure matches (1)' }).click();
  const confirm = page.getByRole('dialog', { name: 'Accept all sure matches?' });
  await expect(confirm).toContainText('1 proposals found by an exact key');
  // Money in and money out are totalled apart (money out was once added to money in).
  await expect(confirm).toContainText('together: money in EUR 1,234.56 (1).');
  await confirm.getByRole('button', { name: 'Accept 1' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByTestId('decision-result')).toHaveText('1 match accepted.');
  await expect(page.getByText('No open proposals')).toBeVisible();

  // The line nothing matched: assigned by hand, undone, assigned again.
  const lines = page.getByTestId('reconcile-lines');
  await expect(lines.getByRole('row')).toHaveCount(2);
  await page.getByRole('button', { name: 'Assign line 2026-11-06, EUR 250.00, H. Becker' }).click();
  const assign = page.getByRole('dialog', { name: 'Assign by hand' });
  await expect(assign.getByTestId('allocation-available')).toHaveText('EUR 250.00');
  await assign.getByLabel('Search open entries').fill('Becker');
  await assign.getByLabel('Use entry RE-2026-004').check();
  await expect(assign.getByLabel('Amount for entry RE-2026-004')).toHaveValue('250.00');
  await assign.getByLabel('Amount for entry RE-2026-004').fill('260.00');
  await expect(assign.getByText('More than the open amount of 250.00.')).toBeVisible();
  await expect(assign.getByRole('button', { name: 'Assign', exact: true })).toBeDisabled();
  await assign.getByLabel('Amount for entry RE-2026-004').fill('250.00');
  await expect(assign.getByTestId('allocation-sum')).toHaveText('Chosen: EUR 250.00; stays available: EUR 0.00.');
  await assign.getByRole('button', { name: 'Assign', exact: true }).click();
  await expect(assign).toBeHidden();
  await expect(page.getByTestId('decision-result')).toContainText('assigned by hand to RE-2026-004.');

  await page.getByTestId('decision-result').getByRole('button', { name: 'Undo' }).click();
  const undo = page.getByRole('dialog', { name: 'Undo this assignment?' });
  await expect(undo).toContainText('RE-2026-004 (EUR 250.00)');
  await undo.getByRole('button', { name: 'Undo assignment' }).click();
  await expect(page.getByTestId('decision-result')).toHaveText('The assignment was undone.');
  const reopened = await host().invoke('entries.list', { search: 'RE-2026-004' });
  expect((reopened.value as { rows: { status: string }[] }).rows[0]?.status).toBe('Open');

  await page.getByRole('button', { name: 'Assign line 2026-11-06, EUR 250.00, H. Becker' }).click();
  await assign.getByLabel('Search open entries').fill('RE-2026-004');
  await assign.getByLabel('Use entry RE-2026-004').check();
  await assign.getByRole('button', { name: 'Assign', exact: true }).click();
  await expect(assign).toBeHidden();

  // The line's history: the assignment taken back, and the one that stands.
  await page.getByLabel('Matching', { exact: true }).selectOption('matched');
  await page.getByRole('button', { name: 'Assignments of line 2026-11-06, EUR 250.00, H. Becker' }).click();
  const history = page.getByRole('dialog', { name: /^Assignments of 2026-11-06/ });
  const items = history
    .getByTestId('assignment-list')
    .getByRole('listitem')
    .filter({ has: page.locator('strong') });
  await expect(items).toHaveCount(2);
  await expect(items.filter({ hasText: 'undone on' })).toHaveCount(1);
  await expect(history.getByRole('button', { name: 'Undo assignment to RE-2026-004' })).toHaveCount(1);
  await history.getByRole('button', { name: 'Close', exact: true }).last().click();
  await expect(history).toBeHidden();

  // Every receivable is Balanced: by the API and on the Entries screen.
  const entries = await host().invoke('entries.list', {});
  const rows = (entries.value as { rows: { number: string; status: string; openAmountCents: number }[] }).rows;
  expect(rows.map((r) => [r.number, r.status, r.openAmountCents]).sort()).toEqual([
    ['RE-2026-001', 'Balanced', 0],
    ['RE-2026-002', 'Balanced', 0],
    ['RE-2026-003', 'Balanced', 0],
    ['RE-2026-004', 'Balanced', 0],
  ]);
  await page.getByRole('navigation').getByRole('link', { name: 'Entries' }).click();
  const entriesTable = page.getByTestId('entries-table');
  for (const number of ['RE-2026-001', 'RE-2026-002', 'RE-2026-003', 'RE-2026-004']) {
    await expect(entriesTable.getByRole('row', { name: new RegExp(number) })).toContainText('Balanced');
  }

  // The same content again, under another name and dropped on another screen: refused up front.
  await dropCsv(page, page.getByTestId('entries-table'), 'umsatz-kopie.csv');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('bankcsv-already-imported')).toContainText(`This file was imported before (as “${FILE_NAME}” on `);
  await expect(dialog.getByRole('button', { name: /^Import/ })).toBeDisabled();
  await expect(dialog.getByText('This file was imported before.', { exact: true })).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  const statements = await host().invoke('statements.list', {});
  expect((statements.value as unknown[]).length).toBe(1);

  // An MT940 statement dropped outside the statements screen goes to the statement import, not to the CSV dialog.
  const mt940 = [
    ':20:STARTUMS',
    `:25:${OUR_IBAN}`,
    ':28C:7/1',
    ':60F:C261119EUR0,00',
    ':61:2611201120CR77,70NTRFNONREF',
    ':86:166?00SEPA-GUTSCHRIFT?20SVWZ+Spende?32Unbekannt',
    ':62F:C261120EUR77,70',
    '-',
  ].join('\r\n');
  const statementDrop = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'MT940_20261120.sta', { type: 'application/octet-stream' }));
    return dt;
  }, mt940);
  await page.getByTestId('entries-table').dispatchEvent('dragover', { dataTransfer: statementDrop });
  await page.getByTestId('entries-table').dispatchEvent('drop', { dataTransfer: statementDrop });
  await expect(page.getByTestId('drop-import-result')).toContainText('“MT940_20261120.sta”: 1 statement stored.');
  await expect(dialog).toBeHidden();

  expect(violations).toEqual([]);
  expect(pageErrors).toEqual([]);
});
