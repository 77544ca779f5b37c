import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { useKontorHost } from './kontor-host';
import { seed } from './seed';

const host = useKontorHost();

const OUR_IBAN = 'DE89370400440532013000';
const SAMPLES = join(import.meta.dirname, '..', '..', 'electron', 'statements', 'samples', 'psp');
const REPORTS = [
  'adyen-settlement_detail_report_batch_7.csv',
  'stripe-payout_reconciliation_itemized.csv',
  'paypal-STL-20261129.A.01.009.CSV',
  'mollie-settlement-1234567.2611.01.csv',
];
const INVOICES: [string, number][] = [
  ['RE-2026-1001', 11900],
  ['RE-2026-1002', 5950],
  ['RE-2026-2001', 25000],
  ['RE-2026-2002', 8000],
  ['RE-2026-3001', 15470],
  ['RE-2026-3002', 4990],
  ['RE-2026-4001', 12100],
  ['RE-2026-4002', 3570],
];

/** The bank's side: one payout per PSP, as a German bank books them in MT940. */
const BANK_MT940 = [
  ':20:STARTUMS',
  `:25:${OUR_IBAN}`,
  ':28C:1/1',
  ':60F:C261125EUR0,00',
  ':61:2611261126C100,22NTRFNONREF//B0',
  ':86:166?00SEPA-GUTSCHRIFT?20TX8837262XT KontorShopDE, ba?21tch 7?32ADYEN N.V.',
  ':61:2611271127C292,88NTRFNONREF//B1',
  ':86:166?00SEPA-GUTSCHRIFT?20STRIPE PAYMENTS EUROPE LTD?32STRIPE',
  ':61:2611301130C187,22NTRFNONREF//B2',
  ':86:166?00SEPA-GUTSCHRIFT?201049271828374 PP.3001.PP AB?21BUCHUNG VOM PAYPAL-KONTO?32PAYPAL EUROPE S.A.R.L.',
  ':61:2612011201C146,41NTRFNONREF//B3',
  ':86:166?00SEPA-GUTSCHRIFT?20T1234567 Mollie Payments?32Stichting Mollie Payments',
  ':62F:C261201EUR726,73',
  '-',
].join('\r\n');

/** Drops a file onto the window the way a file manager does. */
async function drop(page: Page, name: string, bytes: Buffer): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ({ bytes, name }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(bytes)], name, { type: 'text/csv' }));
      return dt;
    },
    { bytes: [...bytes], name },
  );
  const target = page.locator('main');
  await target.dispatchEvent('dragenter', { dataTransfer });
  await target.dispatchEvent('dragover', { dataTransfer });
  await target.dispatchEvent('drop', { dataTransfer });
}

test('the settlement reports of Adyen, Stripe, PayPal and Mollie split their payouts into the payments that settle the shop’s invoices', async ({ page }) => {
  test.setTimeout(120_000);
  const entity = await seed(host(), 'entities.create', { name: 'Kontor Demo GmbH' });
  await seed(host(), 'bankAccounts.create', { entityId: entity.id, name: 'Geschäftskonto', iban: OUR_IBAN });
  const shop = await seed(host(), 'accounts.create', { kind: 'customer', number: 'K-SHOP', name: 'Onlineshop-Kunden' });
  for (const [number, amountCents] of INVOICES) {
    await seed(host(), 'entries.create', {
      entityId: entity.id,
      accountId: shop.id,
      type: 'Debit',
      number,
      statementDate: '2026-11-20',
      dueDate: '2026-11-22',
      amountCents,
    });
  }

  await page.goto(host().url);
  await page.getByRole('navigation').getByRole('link', { name: 'Statements' }).click();
  await page.getByLabel('Statement file to import').setInputFiles({ name: 'umsatz.sta', mimeType: 'text/plain', buffer: Buffer.from(BANK_MT940, 'latin1') });
  await expect(page.getByTestId('import-result')).toHaveText('“umsatz.sta”: 1 statement stored.');

  await expect(page.getByTestId('statement-account')).toHaveCount(1);

  // Each report dropped onto another screen goes to the statement import, not to the bank CSV dialog.
  await page.getByRole('navigation').getByRole('link', { name: 'Reconciliation' }).click();
  for (const name of REPORTS) {
    await drop(page, name, readFileSync(join(SAMPLES, name)));
    await expect(page.getByTestId('drop-import-result')).toContainText(`“${name}”: 1 statement stored.`);
  }
  await expect(page.getByRole('dialog', { name: 'Import a bank’s CSV export' })).toHaveCount(0);

  await page.getByRole('button', { name: 'Find matches' }).click();
  await expect(page.getByTestId('run-result')).toContainText('8 of them sure');
  await page.getByRole('button', { name: 'Accept all sure matches (8)' }).click();
  const confirm = page.getByRole('dialog', { name: 'Accept all sure matches?' });
  await confirm.getByRole('button', { name: 'Accept 8' }).click();
  await expect(page.getByTestId('decision-result')).toHaveText('8 matches accepted.');

  const entries = await host().invoke('entries.list', {});
  const rows = (entries.value as { rows: { number: string; status: string }[] }).rows;
  expect(rows.map((r) => [r.number, r.status]).sort()).toEqual(INVOICES.map(([n]) => [n, 'Balanced']).sort());
  // The payouts on the bank statement are done: linked to their reports, not left for a person.
  const bankLines = await host().invoke('statements.lines', { iban: OUR_IBAN, offset: 0, limit: 10 });
  const states = (bankLines.value as { rows: { matchState: string }[] }).rows.map((r) => r.matchState);
  expect(states).toEqual(['matched', 'matched', 'matched', 'matched']);
});
