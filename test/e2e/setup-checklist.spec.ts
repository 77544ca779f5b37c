import { expect, test, type Page } from '@playwright/test';
import { useKontorHost } from './kontor-host';
import { demoBankAccess } from './seed';

/**
 * A new user on an empty data folder lands on the set-up checklist, creates
 * the company and an own account linked to the demo bank access from it, and
 * sees each step tick; then changes the access's payment file settings on
 * its page.
 */
const host = useKontorHost();

const step = (page: Page, id: string) => page.getByTestId(`setup-step-${id}`);

test('the checklist leads from an empty ledger to an own account linked to the demo bank access', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(host().url);
  await expect(page.getByRole('heading', { level: 1, name: 'Set-up' })).toBeVisible();
  for (const id of ['entity', 'bankAccounts', 'bankAccess', 'linked', 'parties', 'entries']) await expect(step(page, id)).toContainText('To do');

  // The demo bank access as a quick script sets it up (its wizard has its own spec); the checklist picks it up on its next look.
  const { accessId, ownIban } = await demoBankAccess(host());
  await page.reload();
  await expect(step(page, 'bankAccess')).toContainText('Done');
  await expect(step(page, 'entity')).toContainText('To do');

  // 1. The company, from the checklist.
  await step(page, 'entity').getByRole('button', { name: 'Create company' }).click();
  const entityDialog = page.getByRole('dialog', { name: 'New business entity' });
  await entityDialog.getByLabel('Company name').fill('Muster Handels GmbH');
  await entityDialog.getByLabel('Creditor identifier').fill('DE98ZZZ09999999999');
  await entityDialog.getByRole('button', { name: 'Save' }).click();
  await expect(entityDialog).toBeHidden();
  await expect(step(page, 'entity')).toContainText('Done');

  // 2. An own account: the one ready access is offered and chosen, so the account is linked as it is created.
  await step(page, 'bankAccounts').getByRole('button', { name: 'Add bank account' }).click();
  const accountDialog = page.getByRole('dialog', { name: 'New bank account' });
  await expect(accountDialog.getByLabel('Bank access')).toHaveValue(String(accessId));
  await expect(accountDialog.getByLabel('Bank access').locator('option:checked')).toHaveText('Demobank · Ready');
  await accountDialog.getByLabel('Account name').fill('Geschäftskonto');
  // The bank's own list of the subscriber's accounts (HTD) fills IBAN and BIC.
  await accountDialog.getByLabel('Accounts your bank lists for this access').selectOption({ index: 1 });
  await expect(accountDialog.getByLabel('IBAN')).toHaveValue(ownIban.replace(/(.{4})(?!$)/g, '$1 '));
  await accountDialog.getByRole('button', { name: 'Save' }).click();
  await expect(accountDialog).toBeHidden();
  await expect(step(page, 'bankAccounts')).toContainText('Done');
  await expect(step(page, 'linked')).toContainText('Done');
  await expect(step(page, 'parties')).toContainText('To do');

  // The Banks screen shows the link, and an edit can undo it; the checklist then counts the account as not linked.
  await step(page, 'linked').getByRole('link', { name: 'Link accounts' }).click();
  const accounts = page.getByTestId('bank-accounts-table');
  await expect(accounts.getByRole('row', { name: /Geschäftskonto/ })).toContainText('Demobank');
  await accounts.getByRole('button', { name: 'Geschäftskonto' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit bank account' });
  await edit.getByLabel('Bank access').selectOption('');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(accounts.getByRole('row', { name: /Geschäftskonto/ })).toContainText('not linked');
  await page.getByRole('navigation').getByRole('link', { name: 'Set-up' }).click();
  await expect(step(page, 'linked')).toContainText('To do');
  await expect(step(page, 'linked')).toContainText('1 account(s) not yet linked');

  // German: the same list in German words.
  await page.getByRole('button', { name: 'Deutsch' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Einrichtung' })).toBeVisible();
  await expect(step(page, 'entity')).toContainText('Erledigt');
  await expect(step(page, 'linked')).toContainText('Offen');
  await page.getByRole('button', { name: 'English' }).click();
});

test('a bank access’s payment file settings are changed on its page and kept', async ({ page }) => {
  await page.goto(host().url);
  await page.getByRole('navigation').getByRole('link', { name: 'Banks' }).click();
  await page.getByTestId('bank-accounts-table').waitFor();
  await page.getByRole('link', { name: 'Demobank' }).first().click();
  const settings = page.getByTestId('access-settings');
  await expect(settings).toContainText('pain.001.001.09');
  await page.getByRole('button', { name: 'Change settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Payment files and orders' });
  await dialog.getByLabel('Credit transfers', { exact: true }).selectOption('pain.001.001.03');
  await dialog.getByText('EBICS 3.0 order parameters (BTF)').click();
  await dialog.getByLabel('Credit transfers scope').fill('ch');
  await dialog.getByLabel('Keep umlauts (German extended character set)').check();
  await dialog.getByLabel('Amount limit per order').fill('25000');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(settings).toContainText('pain.001.001.03');
  await expect(settings).toContainText('kept');
  await expect(settings).toContainText('25,000.00 EUR');
  await expect(settings).toContainText('credit_transfer.scope=CH');
  await page.reload();
  await expect(page.getByTestId('access-settings')).toContainText('pain.001.001.03');
});
