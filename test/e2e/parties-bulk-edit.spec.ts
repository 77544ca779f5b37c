import { expect, test } from '@playwright/test';
import { useKontorHost } from './kontor-host';
import { seed } from './seed';

const host = useKontorHost();

/** Two suppliers selected on the list get SEPA and one set of bank details in one checked step; a bad IBAN changes nobody. */
test('several suppliers get payment method and bank details in one confirmed step', async ({ page }) => {
  await seed(host(), 'entities.create', { name: 'Muster Handels GmbH', creditorId: 'DE98ZZZ09999999999' });
  await seed(host(), 'accounts.create', { kind: 'supplier', number: '70001', name: 'Bürobedarf Müller' });
  await seed(host(), 'accounts.create', { kind: 'supplier', number: '70002', name: 'Ölhandel Schulz' });
  await seed(host(), 'accounts.create', { kind: 'customer', number: '10001', name: 'Kunde Braun' });

  await page.goto(host().url);
  await page.getByRole('navigation').getByRole('link', { name: 'Customers & suppliers' }).click();
  await page.getByLabel('Select Bürobedarf Müller').check();
  await page.getByLabel('Select Ölhandel Schulz').check();
  await page.getByRole('button', { name: 'Edit selected (2)…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit several customers and suppliers' });
  await dialog.getByLabel('Payment method').selectOption('sepa');
  await dialog.getByLabel('IBAN').fill('DE89 3704 0044 0532 0130 01');
  await dialog.getByRole('button', { name: 'Check changes' }).click();
  await expect(dialog.getByRole('alert')).toContainText('is not a valid IBAN; no customer or supplier was changed');

  await dialog.getByLabel('IBAN').fill('DE89 3704 0044 0532 0130 00');
  await dialog.getByRole('button', { name: 'Check changes' }).click();
  await expect(dialog.getByTestId('party-edit-plan').getByRole('row', { name: /70002/ })).toContainText(
    'payment method Not set → SEPA; bank details → DE89370400440532013000',
  );
  await dialog.getByRole('button', { name: 'Change 2 customers and suppliers' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('party-edit-result')).toHaveText('2 customers and suppliers changed, 0 unchanged.');
  const table = page.getByTestId('accounts-table');
  await expect(table.getByRole('row', { name: /70001/ })).toContainText('SEPA');
  await expect(table.getByRole('row', { name: /10001/ })).not.toContainText('SEPA');
});
