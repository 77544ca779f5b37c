import { expect, test } from '@playwright/test';
import { addTarget2Days } from '../../shared/dates';
import { useKontorHost } from './kontor-host';
import { demoBankAccess, seed } from './seed';

const host = useKontorHost();

/**
 * The clerk's payment run in the window: entries chosen with their totals,
 * the summary confirmed before approval (refused for the person who built
 * the run) and before the upload, and the status that turns to released
 * once the signer released it at the bank, without anyone pressing a button.
 */
test('a payment run is chosen with its totals, confirmed before approval and upload, and follows the bank to released on its own', async ({ page }) => {
  test.setTimeout(150_000);
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
    iban: 'DE89370400440532013000',
    direction: 'out',
  });
  const customer = await seed(host(), 'accounts.create', { kind: 'customer', number: 'K-1', name: 'Bäckerei Krume KG' });
  const mandate = await seed(host(), 'instruments.create', {
    accountId: customer.id,
    entityId: entity.id,
    kind: 'sepa_mandate',
    holderName: 'Bäckerei Krume KG',
    iban: 'DE02120300000000202051',
    mandateId: 'MANDAT-1',
    mandateSignedOn: '2026-01-15',
    scheme: 'CORE',
    mandateType: 'recurring',
    direction: 'in',
  });
  const today = host().clock.today();
  const payable = (number: string, amountCents: number) =>
    seed(host(), 'entries.create', {
      entityId: entity.id,
      accountId: supplier.id,
      type: 'Credit',
      number,
      statementDate: today,
      dueDate: addTarget2Days(today, 3),
      amountCents,
      requestedMethod: 'sepa',
    });
  await payable('ER-1', 125_000);
  await payable('ER-2', 8_990);
  await payable('ER-3', 4_000);
  await seed(host(), 'entries.create', {
    entityId: entity.id,
    accountId: customer.id,
    type: 'Debit',
    number: 'RE-1',
    statementDate: today,
    dueDate: addTarget2Days(today, 5),
    amountCents: 50_000,
    requestedMethod: 'sepa',
    requestedInstrumentId: mandate.id,
  });
  // Bernd builds the run, Erika approves it: the administrator grants their roles, and each opens Kontor under their own login.
  for (const role of ['preparer', 'approver'] as const) await seed(host(), 'users.grant', { user: 'Bernd Buchhalter', role });
  for (const role of ['approver', 'signer', 'preparer'] as const) await seed(host(), 'users.grant', { user: 'Erika Freigabe', role });
  await host().restart({ user: 'Bernd Buchhalter' });

  // Every eligible entry is chosen at first; the totals say what is collected and what is paid.
  await page.goto(host().url);
  await page.getByRole('navigation').getByRole('link', { name: 'Orders' }).click();
  await expect(page.getByTestId('eligibility-counts')).toHaveText('4 ready for payment, 0 not eligible');
  await expect(page.getByTestId('run-chosen')).toHaveText('Chosen: 4 of 4');
  const totals = page.getByTestId('run-totals').getByRole('row', { name: /EUR/ });
  await expect(totals).toContainText('500.00');
  await expect(totals).toContainText('-1,379.90');

  // ER-3 waits for the next run: the totals follow.
  await page.getByRole('checkbox', { name: 'Choose ER-3' }).uncheck();
  await expect(page.getByTestId('run-chosen')).toHaveText('Chosen: 3 of 4');
  await expect(totals).toContainText('-1,339.90');
  // Only the transfers shown: "select all" takes the shown ones out and puts them back.
  await page.getByLabel('Kind').selectOption({ label: 'Transfers (to pay)' });
  await expect(page.getByTestId('eligible-entries').getByRole('row')).toHaveCount(4);
  const all = page.getByRole('checkbox', { name: 'Select all shown' });
  await expect(all).not.toBeChecked();
  await all.check();
  await expect(page.getByTestId('run-chosen')).toHaveText('Chosen: 4 of 4');
  await all.uncheck();
  await expect(page.getByTestId('run-chosen')).toHaveText('Chosen: 1 of 4');
  await all.check();
  await page.getByRole('checkbox', { name: 'Choose ER-3' }).uncheck();
  await expect(page.getByTestId('run-chosen')).toHaveText('Chosen: 3 of 4');

  await page.getByRole('button', { name: 'Build payment run (3)' }).click();
  await expect(page.getByTestId('build-result')).toHaveText('Payment orders built: 2.');
  await expect(page.getByTestId('eligibility-counts')).toHaveText('1 ready for payment, 0 not eligible');

  // The transfers' order: the summary comes before the approval, and the builder may not approve.
  await page
    .getByTestId('orders-table')
    .getByRole('row', { name: /Credit transfer/ })
    .getByRole('link')
    .click();
  await page.getByRole('button', { name: 'Approve' }).click();
  let dialog = page.getByRole('dialog', { name: /Approve payment order \d+\?/ });
  const summary = dialog.getByTestId('run-summary');
  await expect(summary).toContainText('2');
  await expect(summary).toContainText('EUR 1,339.90');
  await expect(summary).toContainText(ownIban);
  await expect(summary).toContainText('Demobank');
  await expect(summary).toContainText('Bernd Buchhalter');
  await expect(dialog).toContainText('You built this run; another person has to approve it.');
  await dialog.getByRole('button', { name: 'Approve' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('You built this payment run yourself; another person has to approve it.');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('order-status')).toHaveText('draft');

  // Another person approves after reading the same summary.
  await host().restart({ user: 'Erika Freigabe' });
  await page.goto(host().url);
  await page.getByRole('navigation').getByRole('link', { name: 'Orders' }).click();
  await page
    .getByTestId('orders-table')
    .getByRole('row', { name: /Credit transfer/ })
    .getByRole('link')
    .click();
  await expect(page.getByTestId('order-status')).toHaveText('draft');
  await page.getByRole('button', { name: 'Approve' }).click();
  dialog = page.getByRole('dialog', { name: /Approve payment order \d+\?/ });
  await expect(dialog).not.toContainText('another person has to approve');
  await dialog.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByTestId('order-status')).toHaveText('approved');

  // The upload, confirmed with the summary.
  await page.getByRole('button', { name: 'Upload to the bank' }).click();
  dialog = page.getByRole('dialog', { name: /Upload payment order \d+ to the bank\?/ });
  await expect(dialog.getByTestId('run-summary')).toContainText('EUR 1,339.90');
  await dialog.getByRole('button', { name: 'Upload to the bank' }).click();
  await expect(page.getByTestId('order-status')).toHaveText('uploaded — awaiting signature');
  await expect(page.getByTestId('order-following')).toContainText('Kontor asks the bank on its own');
  const orderId = Number(new URL(page.url()).hash.split('/').pop());
  const uploaded = (await host().invoke('orders.get', { id: orderId })).value as { ebicsOrderId: string };

  // The signer releases it at the bank; in Kontor nobody presses anything.
  await seed(host(), 'demoBank.decide', { orderId: uploaded.ebicsOrderId, decision: 'release' });
  await expect(page.getByTestId('order-status')).toHaveText('released', { timeout: 90_000 });

  // Its entries say which order pays them.
  await page.getByRole('navigation').getByRole('link', { name: 'Entries' }).click();
  await expect(page.getByTestId('entries-table').getByRole('row', { name: /ER-1/ }).getByTestId('entry-in-payment')).toHaveText(`in payment: order ${orderId}`);
  await expect(page.getByTestId('entries-table').getByRole('row', { name: /ER-3/ }).getByTestId('entry-in-payment')).toHaveCount(0);
});
