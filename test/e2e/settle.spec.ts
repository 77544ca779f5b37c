import { expect, test } from '@playwright/test';
import { useKontorHost } from './kontor-host';
import { seed } from './seed';

const host = useKontorHost();
const OUR_IBAN = 'DE89370400440532013000';

/** An MT940 of one day with the given bookings (cents, + = money in). */
function mt940(lines: { cents: number; name: string; text: string }[]): string {
  const fmt = (c: number) => `${Math.floor(Math.abs(c) / 100)},${String(Math.abs(c) % 100).padStart(2, '0')}`;
  const total = lines.reduce((s, l) => s + l.cents, 0);
  const body = lines.flatMap((l, i) => [
    `:61:2611201120${l.cents < 0 ? 'D' : 'C'}R${fmt(l.cents)}NTRFREF${i}`,
    `:86:166?00SEPA-GUTSCHRIFT?20SVWZ+${l.text}?32${l.name}`,
  ]);
  return [':20:STARTUMS', `:25:${OUR_IBAN}`, ':28C:1/1', ':60F:C261119EUR0,00', ...body, `:62F:${total < 0 ? 'D' : 'C'}261120EUR${fmt(total)}`, '-'].join(
    '\r\n',
  );
}

test('a payment short by a bank fee is accepted with the fee booked, and an old receivable is written off with its reason', async ({ page }) => {
  test.setTimeout(120_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));

  const entity = await seed(host(), 'entities.create', { name: 'Kontor Demo GmbH' });
  await seed(host(), 'bankAccounts.create', { entityId: entity.id, name: 'Girokonto', iban: OUR_IBAN });
  const customer = await seed(host(), 'accounts.create', { kind: 'customer', number: 'K-100', name: 'Müller & Söhne KG' });
  const receivable = (number: string, amountCents: number) =>
    seed(host(), 'entries.create', { entityId: entity.id, accountId: customer.id, type: 'Debit', number, statementDate: '2026-10-01', amountCents });
  await receivable('RE-2026-071', 123456);
  await receivable('RE-2025-009', 9900);
  // The customer's bank kept 2.50 EUR of the transfer.
  const statement = mt940([{ cents: 123206, name: 'Mueller und Soehne', text: 'RE-2026-071' }]);
  await seed(host(), 'statements.import', { fileName: 'umsatz.sta', base64: Buffer.from(statement, 'latin1').toString('base64') });

  await page.goto(host().url);
  await page.getByRole('navigation').getByRole('link', { name: 'Reconciliation' }).click();
  await page.getByRole('button', { name: 'Find matches' }).click();
  const card = page.getByTestId('proposal').filter({ hasText: 'RE-2026-071' });
  await expect(card).toBeVisible();
  await expect(page.getByTestId('proposal-totals')).toHaveText(/^money in .*1,232\.06.* \(1\)$/);

  await card.getByRole('button', { name: /^Accept with difference/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Accept with a fee or difference?' });
  await expect(dialog.getByTestId('difference-amount')).toContainText('2.50');
  await expect(dialog.getByTestId('difference-amount')).toContainText('of the entry stays open');
  await dialog.getByLabel('Bank fee').check();
  await dialog.getByLabel('Note').fill('Fremdgebühr der Kundenbank');
  await dialog.getByRole('button', { name: 'Accept and book' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('proposal').filter({ hasText: 'RE-2026-071' })).toHaveCount(0);

  // On the entry: balanced, the fee shown with its note.
  await page.getByRole('navigation').getByRole('link', { name: 'Entries' }).click();
  const rows = page.getByTestId('entries-table');
  await expect(rows.getByRole('row').filter({ hasText: 'RE-2026-071' })).toContainText('Balanced');
  await rows.getByRole('button', { name: 'RE-2026-071' }).click();
  const form = page.getByRole('dialog', { name: /RE-2026-071/ });
  const settlements = form.getByTestId('entry-settlements');
  await expect(settlements).toContainText('Bank fee: ');
  await expect(settlements).toContainText('2.50');
  await expect(settlements).toContainText('Fremdgebühr der Kundenbank');
  await form.getByRole('button', { name: 'Cancel' }).click();

  // The old receivable: written off, and only with a reason.
  await rows.getByRole('button', { name: 'RE-2025-009' }).click();
  const old = page.getByRole('dialog', { name: /RE-2025-009/ });
  await old.getByRole('button', { name: 'Settle without bank line…' }).click();
  const settle = page.getByRole('dialog', { name: 'Settle entry RE-2025-009 without a bank line' });
  await settle.getByLabel('Write-off').check();
  await settle.getByRole('button', { name: 'Settle', exact: true }).click();
  await expect(settle.getByText('Say why the entry is written off.')).toBeVisible();
  await settle.getByLabel('Reason for the write-off').fill('Kunde insolvent, Verfahren eingestellt');
  await settle.getByRole('button', { name: 'Settle', exact: true }).click();
  await expect(settle).toBeHidden();
  await expect(rows.getByRole('row').filter({ hasText: 'RE-2025-009' })).toContainText('Balanced');
  expect(pageErrors).toEqual([]);
});
