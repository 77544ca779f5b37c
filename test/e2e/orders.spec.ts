import { expect, test } from '@playwright/test';
import { addTarget2Days } from '../../shared/dates';
import { useKontorHost } from './kontor-host';
import { demoBankAccess, seed } from './seed';

const host = useKontorHost();

const SUPPLIER_IBAN = 'DE89370400440532013000';
const german = (isoDate: string) => isoDate.split('-').reverse().join('.');

test('payables imported from CSV are approved, built into an order, uploaded to the demo bank, released there, refused a second time, and found booked on the next statement', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const { accessId, ownIban } = await demoBankAccess(host());
  const entity = await seed(host(), 'entities.create', { name: 'Muster Handels GmbH', creditorId: 'DE98ZZZ09999999999' });
  const account = await seed(host(), 'bankAccounts.create', { entityId: entity.id, bankAccessId: accessId, name: 'Geschäftskonto', iban: ownIban });
  await seed(host(), 'entities.update', {
    id: entity.id,
    values: { name: 'Muster Handels GmbH', creditorId: 'DE98ZZZ09999999999', preferredBankAccountId: account.id },
  });
  const supplier = await seed(host(), 'accounts.create', { kind: 'supplier', number: 'L-2001', name: 'Schreinerei Holzwurm GmbH' });
  await seed(host(), 'instruments.create', {
    accountId: supplier.id,
    entityId: entity.id,
    kind: 'bank_details',
    holderName: 'Schreinerei Holzwurm GmbH',
    iban: SUPPLIER_IBAN,
    direction: 'out',
  });

  // Two payables from the ERP, due in a few days; they need approval before payment.
  const today = host().clock.today();
  const csv = [
    'Belegnummer;Belegdatum;Fällig am;Lieferant;Betrag;Verwendungszweck',
    `ER-4711;${german(today)};${german(addTarget2Days(today, 3))};L-2001;1.250,00;Rechnung 4711 Büromöbel`,
    `ER-4712;${german(today)};${german(addTarget2Days(today, 4))};L-2001;89,90;Rechnung 4712 Schrauben`,
    '',
  ].join('\r\n');

  await page.goto(host().url);
  await page.getByRole('navigation').getByRole('link', { name: 'Entries' }).click();
  await page.getByRole('button', { name: 'Import from CSV' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import entries from CSV' });
  await dialog.getByLabel('CSV file').setInputFiles({ name: 'ER-Liste.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await expect(dialog.getByTestId('import-counts')).toHaveText('2 rows: 2 ready, 0 with errors');
  await dialog.getByLabel('Receivable or payable', { exact: true }).selectOption({ label: 'All payables' });
  await dialog.getByLabel('Payment method where the file has none').selectOption({ label: 'SEPA' });
  await dialog.getByLabel('Imported payables need approval before payment').check();
  await expect(dialog.getByTestId('import-counts')).toHaveText('2 rows: 2 ready, 0 with errors');
  await dialog.getByRole('button', { name: 'Import 2 entries' }).click();
  await expect(dialog).toBeHidden();
  const entriesTable = page.getByTestId('entries-table');
  await expect(entriesTable.getByRole('row', { name: /ER-4711/ })).toContainText('Awaiting approval');

  // Not eligible yet: the reason in words, with a link to the entry.
  await page.getByRole('navigation').getByRole('link', { name: 'Orders' }).click();
  await expect(page.getByTestId('eligibility-counts')).toHaveText('0 ready for payment, 2 not eligible');
  await expect(page.getByTestId('not-eligible').getByRole('row', { name: /ER-4711/ })).toContainText('The payment is waiting for approval.');
  await page.getByRole('link', { name: 'Open entry ER-4711' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();

  // Whoever prepared a payable cannot approve it.
  await page.getByRole('button', { name: 'Approve payable ER-4711' }).click();
  await expect(page.getByRole('alert')).toHaveText('You prepared this payable yourself; another person has to approve it.');

  // Another person, an approver, approves both: the administrator grants Erika her roles, and Erika opens Kontor under her own login.
  for (const role of ['preparer', 'approver', 'signer'] as const) await seed(host(), 'users.grant', { user: 'erika', role });
  for (const role of ['approver', 'signer'] as const) await seed(host(), 'users.grant', { user: 'otto', role });
  await host().restart({ user: 'erika' });
  await page.goto(host().url);
  await expect.poll(async () => ((await host().invoke('settings.get', {})).value as { identity: string }).identity).toBe('erika');
  await page.getByRole('navigation').getByRole('link', { name: 'Entries' }).click();
  await page.getByRole('button', { name: 'Approve payable ER-4711' }).click();
  await expect(page.getByTestId('approval-result')).toHaveText('Payable ER-4711 is approved for payment.');
  await page.getByRole('button', { name: 'Approve payable ER-4712' }).click();
  await expect(page.getByTestId('approval-result')).toHaveText('Payable ER-4712 is approved for payment.');
  await expect(entriesTable).not.toContainText('Awaiting approval');

  // Eligible now: build the order.
  await page.getByRole('navigation').getByRole('link', { name: 'Orders' }).click();
  await expect(page.getByTestId('eligibility-counts')).toHaveText('2 ready for payment, 0 not eligible');
  const payables = page.getByTestId('eligible-entries');
  await expect(payables.getByRole('row', { name: /ER-4711/ })).toContainText('Schreinerei Holzwurm GmbH');
  await expect(payables.getByRole('row', { name: /ER-4711/ })).toContainText('1,250.00');
  await expect(page.getByTestId('run-chosen')).toHaveText('Chosen: 2 of 2');
  await page.getByRole('button', { name: 'Build payment run (2)' }).click();
  await expect(page.getByTestId('build-result')).toHaveText('Payment orders built: 1.');
  await expect(page.getByTestId('eligibility-counts')).toHaveText('0 ready for payment, 0 not eligible');
  const row = page.getByTestId('orders-table').getByRole('row').nth(1);
  await expect(row).toContainText('Credit transfer');
  await expect(row).toContainText(ownIban);
  await expect(row).toContainText('1,339.90');
  await expect(row).toContainText('draft');

  // Review the order: its transactions, the file's fingerprint.
  await row.getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Payment order');
  const payments = page.getByTestId('order-payments');
  await expect(payments.getByRole('row')).toHaveCount(3);
  await expect(payments.getByRole('row', { name: /ER-4711/ })).toContainText(SUPPLIER_IBAN);
  await expect(payments.getByRole('row', { name: /ER-4711/ })).toContainText('1,250.00');
  await expect(payments.getByRole('row', { name: /ER-4712/ })).toContainText('89.90');
  await expect(page.getByTestId('order-sha256')).toHaveText(/^[0-9a-f]{64}$/i);

  // Four eyes: whoever built the run (Erika) does not approve it; a third person, Otto, does under his own login, after the summary.
  await host().restart({ user: 'otto' });
  await page.goto(host().url);
  await page.getByRole('navigation').getByRole('link', { name: 'Orders' }).click();
  await page.getByTestId('orders-table').getByRole('row').nth(1).getByRole('link').click();
  await expect(page.getByTestId('order-status')).toHaveText('draft');
  await page.getByRole('button', { name: 'Approve' }).click();
  const approval = page.getByRole('dialog', { name: /Approve payment order \d+\?/ });
  await expect(approval.getByTestId('run-summary')).toContainText('EUR 1,339.90');
  await approval.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByTestId('order-status')).toHaveText('approved');
  await page.getByRole('button', { name: 'Upload to the bank' }).click();
  await page
    .getByRole('dialog', { name: /Upload payment order \d+ to the bank\?/ })
    .getByRole('button', { name: 'Upload to the bank' })
    .click();
  await expect(page.getByTestId('order-notice')).toHaveText('Uploaded. The bank waits for the authorised signature (distributed signature).');
  await expect(page.getByTestId('order-status')).toHaveText('uploaded — awaiting signature');
  const orderUrl = page.url();
  const ebicsOrderId = (await page.getByTestId('order-facts').locator('dt:has-text("EBICS order ID") + dd').textContent())!.trim();
  expect(ebicsOrderId).not.toBe('');

  // Before the signer acts, the bank's distributed signature overview (HVU) shows the order waiting for its signature.
  await page.getByRole('button', { name: 'Check the bank’s protocol' }).click();
  await expect(page.getByTestId('order-notice')).toHaveText('Bank’s protocol checked: 1 order(s) updated.');
  await expect(page.getByTestId('order-status')).toHaveText('uploaded — awaiting signature');
  await expect(page.getByTestId('order-signatures')).toContainText('0 of 1 signature');
  await page.getByRole('navigation').getByRole('link', { name: 'Orders' }).click();
  await expect(page.getByTestId('orders-table').getByRole('row').nth(1).getByTestId('order-signatures')).toContainText('0 of 1 signature');

  // The authorised signer releases it at the demo bank.
  await page.getByRole('navigation').getByRole('link', { name: 'Banks' }).click();
  const signer = page.getByTestId('demo-signer-orders');
  await signer.getByRole('button', { name: `Release ${ebicsOrderId}` }).click();
  await expect(signer.getByRole('row', { name: new RegExp(ebicsOrderId) }).getByRole('button')).toHaveCount(0);

  // Back on the order: Kontor asks the bank on its own, no button.
  await page.goto(orderUrl);
  await expect(page.getByTestId('order-status')).toHaveText('released', { timeout: 90_000 });
  const atBank = (await host().invoke('demoBank.orders', {})).value as { orderId: string; state: string; amountCents: number; transactions: number }[];
  expect(atBank.find((o) => o.orderId === ebicsOrderId)).toMatchObject({ state: 'released', transactions: 2 });

  // The same file again: refused with the warning; canceling the warning sends nothing.
  await page.getByRole('button', { name: 'Upload again…' }).click();
  const warning = page.getByRole('dialog', { name: 'This file may have been sent already' });
  await expect(warning).toContainText('Sending it again can pay twice.');
  await warning.getByRole('button', { name: 'Send it again' }).click();
  await expect(warning.getByRole('alert')).toHaveText('Write a reason of at least 5 characters.');
  await warning.getByRole('button', { name: 'Cancel' }).click();
  await expect(warning).toBeHidden();
  await expect(page.getByTestId('order-status')).toHaveText('released');
  expect(((await host().invoke('demoBank.orders', {})).value as unknown[]).length).toBe(atBank.length);

  // A week later, past the execution date: the next statement from the bank carries the booking.
  const orderId = Number(new URL(orderUrl).hash.split('/').pop());
  const ordered = (await host().invoke('orders.get', { id: orderId })).value as { payments: { endToEndId: string; entryNumber: string; status: string }[] };
  expect(ordered.payments.map((p) => p.status)).toEqual(['Issued', 'Issued']);
  await host().restart({ daysLater: 7 });
  await page.goto(host().url);
  await page.getByRole('navigation').getByRole('link', { name: 'Statements' }).click();
  await page.getByRole('button', { name: 'Fetch from bank' }).click();
  await expect(page.getByTestId('fetch-result')).toContainText(/Demobank: \d+ statements? stored/, { timeout: 60_000 });
  await expect(page.getByTestId('fetch-result')).toContainText('2 payments updated');
  const e2e = ordered.payments.find((p) => p.entryNumber === 'ER-4711')!.endToEndId;
  await page.getByTestId('statement-account').filter({ hasText: 'Geschäftskonto' }).click();
  await page.getByLabel('Search', { exact: true }).fill(e2e);
  await expect(page.getByTestId('lines-total')).toHaveText(/^1 line · sum EUR -1,250\.00$/);
  await page.getByTestId('statement-line-row').first().click();
  const booking = page.getByRole('dialog', { name: 'Statement line' });
  await expect(booking.getByTestId('line-raw')).toContainText(e2e);
  await page.keyboard.press('Escape');
  const collected = (await host().invoke('orders.get', { id: orderId })).value as { payments: { status: string }[] };
  expect(collected.payments.map((p) => p.status)).toEqual(['Collected', 'Collected']);
});
