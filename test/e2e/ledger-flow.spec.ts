import { expect, test, type Locator } from '@playwright/test';
import { useKontorHost } from './kontor-host';

const host = useKontorHost();

/** Picks the option whose text contains `text` (labels carry IBANs and the like). */
async function chooseOption(select: Locator, text: string): Promise<void> {
  const value = await select.locator('option', { hasText: text }).getAttribute('value');
  expect(value, `no option containing "${text}"`).toBeTruthy();
  await select.selectOption(value!);
}

test('entity, bank account, customer with mandate and a receivable entered on screen are still there after a reload', async ({ page }) => {
  await page.goto(host().url);
  const nav = page.getByRole('navigation');

  // An empty ledger opens on the set-up checklist; Entries first asks for a company.
  await expect(page.getByRole('heading', { level: 1, name: 'Set-up' })).toBeVisible();
  await nav.getByRole('link', { name: 'Entries' }).click();
  await expect(page.getByText('Create your company under Settings first')).toBeVisible();

  // 1. The business entity, under Settings; Enter submits.
  await nav.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'New business entity' }).click();
  let dialog = page.getByRole('dialog', { name: 'New business entity' });
  await dialog.getByLabel('Company name').fill('Muster Handels GmbH');
  await dialog.getByLabel('Creditor identifier').fill('DE98ZZZ09999999999');
  await dialog.getByLabel('Street and number').fill('Hauptstraße 1');
  await dialog.getByLabel('Postal code').fill('10115');
  await dialog.getByLabel('City').fill('Berlin');
  await dialog.getByLabel('City').press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('entities-table')).toContainText('Muster Handels GmbH');

  // 2. Its bank account.
  await nav.getByRole('link', { name: 'Banks' }).click();
  await page.getByRole('button', { name: 'New bank account' }).click();
  dialog = page.getByRole('dialog', { name: 'New bank account' });
  await expect(dialog.getByLabel('Business entity')).toHaveValue(/\d+/);
  await dialog.getByLabel('Account name').fill('Commerzbank operating account');
  await dialog.getByLabel('IBAN').fill('DE89 3704 0044 0532 0130 00');
  await dialog.getByLabel('BIC').fill('COBADEFFXXX');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('bank-accounts-table')).toContainText('DE89 3704 0044 0532 0130 00');

  // 3. A customer, and a SEPA mandate on its page.
  await nav.getByRole('link', { name: 'Customers & suppliers' }).click();
  await page.getByRole('button', { name: 'New customer or supplier' }).first().click();
  dialog = page.getByRole('dialog', { name: 'New customer or supplier' });
  await dialog.getByLabel('Kind').selectOption('customer');
  await dialog.getByLabel('Account number').fill('K-1001');
  await dialog.getByLabel('Name', { exact: true }).fill('Beispiel AG');
  await dialog.getByLabel('City').fill('München');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Beispiel AG');

  await page.getByRole('button', { name: 'New SEPA mandate' }).click();
  dialog = page.getByRole('dialog', { name: 'New SEPA mandate' });
  await dialog.getByLabel('Mandate reference').fill('MANDATE-2025-001');
  await dialog.getByLabel('Date of signature').fill('15.01.2025');
  await dialog.getByLabel('Scheme').selectOption('CORE');
  await dialog.getByLabel('Mandate type').selectOption('recurring');
  await expect(dialog.getByLabel('Account holder')).toHaveValue('Beispiel AG');
  await dialog.getByLabel('IBAN').fill('DE02120300000000202051');
  await dialog.getByLabel('BIC').fill('BYLADEM1001');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('mandates-table')).toContainText('MANDATE-2025-001');

  // 4. A receivable for that customer, to be collected with the mandate.
  await nav.getByRole('link', { name: 'Entries' }).click();
  await page.getByRole('button', { name: 'New entry' }).first().click();
  dialog = page.getByRole('dialog', { name: 'New entry' });
  // A new entry's document date is today by Kontor's clock in the main process, not by the browser's.
  await expect(dialog.getByLabel('Document date')).toHaveValue(host().clock.today());
  await dialog.getByLabel('Type').selectOption('Debit');
  await chooseOption(dialog.getByLabel('Customer / supplier'), 'K-1001');
  await dialog.getByLabel('Number', { exact: true }).fill('RE-2025-001');
  await dialog.getByLabel('Payment reference').fill('Invoice RE-2025-001');
  await dialog.getByLabel('Document date').fill('2025-03-01');
  await dialog.getByLabel('Due date').fill('2025-03-15');
  await dialog.getByLabel('Amount').fill('1.234,56');
  await dialog.getByLabel('Payment method').selectOption('sepa');
  await chooseOption(dialog.getByLabel('SEPA mandate'), 'MANDATE-2025-001');
  await chooseOption(dialog.getByLabel('Our bank account'), 'Commerzbank operating account');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();

  // 5. After a reload everything is still there.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Entries' })).toBeVisible();
  const row = page.getByRole('row', { name: /RE-2025-001/ });
  await expect(row).toContainText('Beispiel AG');
  await expect(row).toContainText('1,234.56');
  await expect(row).toContainText('2025-03-15');
  await expect(row).toContainText('SEPA');
  await expect(page.getByTestId('entries-total')).toHaveText('1 entry');
  await page.screenshot({ path: '/tmp/kontor-entries.png', fullPage: true });

  await row.getByRole('button', { name: 'RE-2025-001' }).click();
  dialog = page.getByRole('dialog', { name: 'Entry RE-2025-001' });
  await expect(dialog.getByLabel('Amount')).toHaveValue('1,234.56');
  await expect(dialog.getByLabel('SEPA mandate').locator('option:checked')).toContainText('MANDATE-2025-001');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await nav.getByRole('link', { name: 'Customers & suppliers' }).click();
  await page.getByRole('link', { name: 'K-1001' }).click();
  const mandate = page.getByTestId('mandates-table').getByRole('row', { name: /MANDATE-2025-001/ });
  await expect(mandate).toContainText('DE02 1203 0000 0000 2020 51');
  await expect(mandate).toContainText('CORE');
  await expect(mandate).toContainText('Active');

  await nav.getByRole('link', { name: 'Banks' }).click();
  const account = page.getByTestId('bank-accounts-table').getByRole('row', { name: /Commerzbank operating account/ });
  await expect(account).toContainText('DE89 3704 0044 0532 0130 00');
  await expect(account).toContainText('Muster Handels GmbH');
});
