import { expect, test, type Browser, type Page } from '@playwright/test';
import { ERP_EXPORT_MORNING, erpWeekCsv, feeInvoiceOfWeek, NEXT_WEEK, PAID_BY_CUSTOMER, type FeeInvoice } from './fixtures/erp-week';
import { startKontorHost, type KontorHost } from './kontor-host';

/**
 * A treasury clerk's whole week in the window, from an empty data folder to
 * reconciled entries (issue 17, "Must be shown"). Anna opens the new ledger
 * (so she is its administrator), follows the set-up checklist, sets up the
 * demo bank's access, links the company's account, imports the ERP's open
 * items and builds the payment run; Bernd, whom she grants his roles in the
 * window, approves and uploads it on his own workstation and — in demo mode,
 * on the demo bank's part of the Banks screen — releases it as the bank's
 * authorised signer. A week later Anna fetches the statements, accepts the
 * matches and books the fee a customer's bank kept.
 *
 * Nothing is set up through the API or the CLI: every step is a click in the
 * window. The test reads only what a person reads off the screen (the IBANs
 * the bank lists for the access, for the fixture's history row). Time: the host's clock starts at the
 * fixed morning of the ERP export (KONTOR_CLOCK_START); "a week later" is a restart with the clock 7 days on; the
 * order status follows the bank through Kontor's own follow service, which the
 * test waits for with a bound, never a sleep.
 */

/** Work that is slow on purpose or on a busy machine: key generation, key files, a bank round trip. */
const SLOW = 60_000;
/** The follow service asks the bank 15 s after an upload (FOLLOW_BACKOFF_MS[0]); room for a loaded machine. */
const FOLLOWED = 90_000;

let host: KontorHost;
test.beforeAll(async () => {
  host = await startKontorHost({ user: 'anna', start: ERP_EXPORT_MORNING });
});
test.afterAll(async () => {
  await host?.stop();
});

const nav = (page: Page, name: string) =>
  page
    .getByRole('navigation', { name: /^(Main navigation|Hauptnavigation)$/ })
    .getByRole('link', { name, exact: true })
    .click();
const step = (page: Page, id: string) => page.getByTestId(`setup-step-${id}`);

let shot = 0;
async function screenshot(page: Page, name: string): Promise<void> {
  shot += 1;
  await page.screenshot({ path: test.info().outputPath(`${String(shot).padStart(2, '0')}-${name}.png`), fullPage: true });
}

/** One person at their own workstation: Kontor started under their login, a browser of their own. */
async function workstation(browser: Browser, user: string, daysLater = 0): Promise<Page> {
  await host.restart({ user, daysLater });
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(host.url);
  return page;
}

test('a clerk’s week in the window: from an empty data folder to reconciled entries with a bank fee settled', async ({ browser }) => {
  test.setTimeout(300_000);
  const pageErrors: string[] = [];
  let page = await browser.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  let ownIban = '';
  let otherIbans: string[] = [];
  let fee: FeeInvoice | undefined;
  const orders: { kind: string; id: string; ebicsOrderId: string }[] = [];

  await test.step('the empty ledger opens on the set-up checklist', async () => {
    await page.goto(host.url);
    await expect(page.getByRole('heading', { level: 1, name: 'Set-up' })).toBeVisible();
    for (const id of ['entity', 'bankAccounts', 'bankAccess', 'linked', 'parties', 'entries']) await expect(step(page, id)).toContainText('To do');
    await screenshot(page, 'checklist-empty');
  });

  await test.step('the company, from the checklist', async () => {
    await step(page, 'entity').getByRole('button', { name: 'Create company' }).click();
    const dialog = page.getByRole('dialog', { name: 'New business entity' });
    await dialog.getByLabel('Company name').fill('Kontor Demo GmbH');
    await dialog.getByLabel('Creditor identifier').fill('DE98ZZZ09999999999');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
    await expect(step(page, 'entity')).toContainText('Done');
  });

  await test.step('the demo bank access: INI and HIA, the letter, the bank activates, its keys checked', async () => {
    await step(page, 'bankAccess').getByRole('link', { name: 'Set up the demo bank' }).click();
    await expect(page.getByRole('heading', { name: 'Bank details from your user letter' })).toBeFocused();
    await expect(page.getByLabel('Host ID')).toHaveValue('KONTORDEMO');
    await expect(page.getByTestId('probe-result')).toHaveText('The bank speaks EBICS 2.5 and 3.0.', { timeout: SLOW });
    await page.getByLabel('User ID').press('Enter');
    await expect(page.getByRole('heading', { name: 'Create your keys and send them to the bank' })).toBeFocused();
    await page.getByRole('button', { name: 'Create keys and send INI and HIA' }).click();
    await expect(page.getByRole('heading', { name: 'Print the letter, sign it and send it to your bank' })).toBeVisible({ timeout: SLOW });
    await screenshot(page, 'letter-step');
    await page.getByRole('button', { name: 'The letter is on its way: continue' }).click();
    await expect(page.getByRole('heading', { name: 'Wait for the bank to activate your access' })).toBeFocused();
    // Demo mode: the user plays the bank's clerk, who compared the signed letter.
    await page.getByRole('button', { name: 'Play the bank clerk: activate' }).click();
    const letter = (await page.getByTestId('bank-confirmation-letter').textContent()) ?? '';
    const hash = (label: string) => {
      const block = letter.slice(letter.indexOf(label));
      return /Hash of the certificate \(EBICS 3\.0\):\s+((?:[0-9A-F]{2} ?){32})/.exec(block)![1]!.trim();
    };
    await page.getByRole('button', { name: 'Fetch the bank’s keys' }).click();
    await expect(page.getByRole('heading', { name: 'Check the bank’s keys' })).toBeFocused({ timeout: SLOW });
    await page.getByLabel('Authentication key hash from the bank’s letter').fill(hash('Authentication key X002'));
    await page.getByLabel('Encryption key hash from the bank’s letter').fill(hash('Encryption key E002'));
    await page.getByRole('button', { name: 'Confirm: the keys match' }).click();
    await expect(page.getByRole('heading', { name: 'Your bank access is ready' })).toBeFocused({ timeout: SLOW });
    await nav(page, 'Set-up');
    await expect(step(page, 'bankAccess')).toContainText('Done');
  });

  await test.step('the company’s account, from the bank’s own list, linked to the access as it is created', async () => {
    await step(page, 'bankAccounts').getByRole('button', { name: 'Add bank account' }).click();
    const dialog = page.getByRole('dialog', { name: 'New bank account' });
    await expect(dialog.getByLabel('Bank access').locator('option:checked')).toHaveText(/Ready/);
    await dialog.getByLabel('Account name').fill('Geschäftskonto');
    await dialog.getByLabel('Accounts your bank lists for this access').selectOption({ index: 1 });
    ownIban = (await dialog.getByLabel('IBAN').inputValue()).replace(/ /g, '');
    expect(ownIban).toMatch(/^DE\d{20}$/);
    const offered = await dialog.getByLabel('Accounts your bank lists for this access').locator('option').allTextContents();
    otherIbans = offered.map((o) => /^([A-Z]{2}[0-9 ]+?) ·/.exec(o)?.[1]?.replace(/ /g, '') ?? '').filter((iban) => iban && iban !== ownIban);
    await screenshot(page, 'own-account');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
    await expect(step(page, 'bankAccounts')).toContainText('Done');
    await expect(step(page, 'linked')).toContainText('Done');
  });

  await test.step('customers, suppliers, mandates and 20 open items from the ERP’s CSV', async () => {
    // The ERP knows the invoice a customer of the demo bank's history pays this week (see the fixture).
    fee = feeInvoiceOfWeek({ iban: ownIban, otherIbans, ownerName: 'Kontor Demo GmbH', openedOn: ERP_EXPORT_MORNING.slice(0, 10) });
    const csv = erpWeekCsv(fee);
    expect(csv.rows).toBe(20);
    await step(page, 'entries').getByRole('link', { name: 'Open entries' }).click();
    await page.getByRole('button', { name: 'Import from CSV' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import entries from CSV' });
    await dialog.getByLabel('CSV file').setInputFiles({ name: 'OP-Liste_25.11.2026.csv', mimeType: 'text/csv', buffer: Buffer.from(csv.bytes) });
    await expect(dialog.getByLabel('Column saying receivable or payable')).toHaveValue('D/K');
    await expect(dialog.getByTestId('import-receivable-values')).toHaveValue('D');
    await expect(dialog.getByTestId('import-payable-values')).toHaveValue('K');
    await dialog.getByLabel('Create unknown customers and suppliers from the name column').check();
    await dialog.getByLabel('Payment method where the file has none').selectOption({ label: 'SEPA' });
    await expect(dialog.getByTestId('import-counts')).toHaveText('20 rows: 20 ready, 0 with errors · 10 new customers or suppliers');
    const table = dialog.getByTestId('import-preview-table');
    await expect(table.getByRole('row', { name: /ER-5101/ })).toContainText('Großhandel Weißenburger GmbH');
    await expect(table.getByRole('row', { name: /ER-5101/ })).toContainText('Payable');
    await expect(table.getByRole('row', { name: /AR-2026-204/ })).toContainText('Receivable');
    await screenshot(page, 'erp-import-preview');
    await dialog.getByRole('button', { name: 'Import 20 entries' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('import-result')).toContainText('20 entries imported.');
    await expect(page.getByTestId('import-result')).toContainText('10 customers or suppliers created.');
    await nav(page, 'Set-up');
    for (const id of ['entity', 'bankAccounts', 'bankAccess', 'linked', 'parties', 'entries']) await expect(step(page, id)).toContainText('Done');
    await expect(page.getByText('Everything is set up.')).toBeVisible();
    await screenshot(page, 'checklist-complete');
  });

  await test.step('Anna grants Bernd the approver’s and the signer’s roles', async () => {
    await nav(page, 'Settings');
    await page.getByLabel('Login name of the colleague').fill('bernd');
    await page.getByLabel('Role', { exact: true }).selectOption('approver');
    await page.getByRole('button', { name: 'Grant role' }).click();
    const people = page.getByTestId('people-table');
    await people.getByLabel('Signer for bernd').click();
    await expect(people.getByLabel('Signer for bernd')).toBeChecked();
    await expect(people.getByLabel('Approver for bernd')).toBeChecked();
  });

  await test.step('the payment run: this week’s entries chosen, next week’s left for later', async () => {
    await nav(page, 'Orders');
    await expect(page.getByTestId('run-chosen')).toBeVisible();
    await screenshot(page, 'run-choose');
    for (const number of NEXT_WEEK) {
      if (await page.getByRole('checkbox', { name: `Choose ${number}` }).count()) await page.getByRole('checkbox', { name: `Choose ${number}` }).uncheck();
    }
    for (const number of PAID_BY_CUSTOMER) await expect(page.getByTestId('not-eligible').getByRole('row', { name: new RegExp(number) })).toBeVisible();
    await expect(page.getByTestId('run-chosen')).toHaveText(/^Chosen: 15 of \d+$/);
    await page.getByRole('button', { name: 'Build payment run (15)' }).click();
    await expect(page.getByTestId('build-result')).toHaveText('Payment orders built: 2.');
    const rows = page.getByTestId('orders-table').getByRole('row');
    await expect(rows).toHaveCount(3);
    await screenshot(page, 'run-built');
  });

  await test.step('Bernd, at his own workstation, approves and uploads both orders after their summaries', async () => {
    await page.context().close();
    page = await workstation(browser, 'bernd');
    page.on('pageerror', (e) => pageErrors.push(e.message));
    for (const kind of ['Credit transfer', 'Direct debit']) {
      await nav(page, 'Orders');
      await page
        .getByTestId('orders-table')
        .getByRole('row', { name: new RegExp(kind) })
        .getByRole('link')
        .click();
      await expect(page.getByTestId('order-status')).toHaveText('draft');
      await page.getByRole('button', { name: 'Approve' }).click();
      let dialog = page.getByRole('dialog', { name: /Approve payment order \d+\?/ });
      await expect(dialog.getByTestId('run-summary')).toContainText(ownIban);
      await expect(dialog.getByTestId('run-summary')).toContainText('anna');
      await expect(dialog).not.toContainText('another person has to approve');
      await screenshot(page, `approve-${kind.replace(/ /g, '-')}`);
      await dialog.getByRole('button', { name: 'Approve' }).click();
      await expect(page.getByTestId('order-status')).toHaveText('approved');
      await page.getByRole('button', { name: 'Upload to the bank' }).click();
      dialog = page.getByRole('dialog', { name: /Upload payment order \d+ to the bank\?/ });
      await expect(dialog.getByTestId('run-summary')).toContainText('Demo');
      await dialog.getByRole('button', { name: 'Upload to the bank' }).click();
      await expect(page.getByTestId('order-status')).toHaveText('uploaded — awaiting signature', { timeout: SLOW });
      await expect(page.getByTestId('demo-signer-pointer')).toBeVisible();
      const ebicsOrderId = (await page.getByTestId('order-facts').locator('dt:has-text("EBICS order ID") + dd').textContent())!.trim();
      orders.push({ kind, id: page.url(), ebicsOrderId });
    }
  });

  await test.step('Bernd releases both at the demo bank as its signer; Kontor follows to released without a button', async () => {
    await page.getByTestId('demo-signer-pointer').getByRole('link').click();
    const signer = page.getByTestId('demo-signer-orders');
    for (const o of orders) {
      await signer.getByRole('button', { name: `Release ${o.ebicsOrderId}` }).click();
      await expect(signer.getByRole('row', { name: new RegExp(o.ebicsOrderId) }).getByRole('button')).toHaveCount(0);
    }
    await screenshot(page, 'demo-bank-released');
    for (const o of orders) {
      await page.goto(o.id);
      await expect(page.getByTestId('order-status')).toHaveText('released', { timeout: FOLLOWED });
    }
    await nav(page, 'Entries');
    await expect(
      page
        .getByTestId('entries-table')
        .getByRole('row', { name: /ER-5101/ })
        .getByTestId('entry-in-payment'),
    ).toContainText('in payment');
    await screenshot(page, 'entries-in-payment');
  });

  await test.step('a week later Anna fetches the statements: the payments are booked', async () => {
    await page.context().close();
    page = await workstation(browser, 'anna', 7);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await nav(page, 'Statements');
    await page.getByRole('button', { name: 'Fetch from bank' }).click();
    // Kontor also fetches on its own once a day, a few seconds after it starts: whichever of the two stores a statement, the other finds it there.
    await expect(page.getByTestId('fetch-result')).toContainText(/Kontor Demo Bank: \d+ statements? stored/, { timeout: SLOW });
    await screenshot(page, 'statements-fetched');
  });

  await test.step('the matches accepted, the fee the customer’s bank kept booked as a bank fee', async () => {
    await nav(page, 'Reconciliation');
    await page.getByRole('button', { name: 'Find matches' }).click();
    await expect(page.getByTestId('run-result')).toBeVisible({ timeout: SLOW });
    // The batch bookings of both orders (one line per block and date) are found by their items' end-to-end ids.
    await expect(
      page
        .getByTestId('proposal')
        .filter({ hasText: /Batch booking of \d+ payments Kontor issued/ })
        .first(),
    ).toBeVisible();
    await expect(page.getByRole('button', { name: /^Accept all sure matches \([1-9]\d*\)$/ })).toBeEnabled();
    await screenshot(page, 'proposals');
    await page.getByRole('button', { name: /^Accept all sure matches/ }).click();
    const confirm = page.getByRole('dialog', { name: 'Accept all sure matches?' });
    await confirm.getByRole('button', { name: /^Accept \d+/ }).click();
    await expect(confirm).toBeHidden({ timeout: SLOW });
    const card = page.getByTestId('proposal').filter({ hasText: fee!.number });
    await card.getByRole('button', { name: /^Accept with difference/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Accept with a fee or difference?' });
    await expect(dialog.getByTestId('difference-amount')).toContainText('2.50');
    await dialog.getByLabel('Bank fee').check();
    await dialog.getByLabel('Note').fill('Fremdgebühr der Kundenbank');
    await screenshot(page, 'fee');
    await dialog.getByRole('button', { name: 'Accept and book' }).click();
    await expect(dialog).toBeHidden();
  });

  await test.step('every entry of the run and the customer’s invoice are settled; the rest stays open', async () => {
    await nav(page, 'Entries');
    const table = page.getByTestId('entries-table');
    const settled = [...OWN_NUMBERS.filter((n) => !NEXT_WEEK.includes(n) && !PAID_BY_CUSTOMER.includes(n)), fee!.number];
    for (const number of settled) await expect(table.getByRole('row', { name: new RegExp(number) })).toContainText('Balanced');
    for (const number of [...NEXT_WEEK, ...PAID_BY_CUSTOMER]) await expect(table.getByRole('row', { name: new RegExp(number) })).toContainText('Open');
    await screenshot(page, 'entries-settled');
    await nav(page, 'Set-up');
    await expect(page.getByText('Everything is set up.')).toBeVisible();
  });

  await test.step('the same week in German: the checklist, the settled entries, the accepted batch', async () => {
    await page.getByRole('button', { name: 'Deutsch' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Einrichtung' })).toBeVisible();
    await expect(page.getByTestId('setup-step-entries')).toContainText('Erledigt');
    await screenshot(page, 'de-checklist');
    await nav(page, 'Posten');
    await expect(page.getByTestId('entries-table').getByRole('row', { name: /ER-5101/ })).toContainText('Ausgeglichen');
    await screenshot(page, 'de-entries');
    await nav(page, 'Abgleich');
    await page.getByLabel('Zuordnung', { exact: true }).selectOption('matched');
    await screenshot(page, 'de-reconciliation');
    await page.getByRole('button', { name: 'English' }).click();
  });

  expect(pageErrors).toEqual([]);
});

const OWN_NUMBERS = [
  'AR-2026-201',
  'AR-2026-202',
  'AR-2026-203',
  'AR-2026-204',
  'AR-2026-205',
  'AR-2026-206',
  'AR-2026-207',
  'ER-5101',
  'ER-5102',
  'ER-5103',
  'ER-5104',
  'ER-5105',
  'ER-5106',
  'ER-5107',
  'ER-5108',
  'ER-5109',
  'ER-5110',
  'ER-5111',
  'ER-5112',
];
