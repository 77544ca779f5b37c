import { expect, test } from '@playwright/test';
import { useKontorHost } from './kontor-host';
import { seed } from './seed';

const host = useKontorHost();

test('the app loads and shows the navigation', async ({ page }) => {
  await page.goto(host().url);
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  for (const name of ['Banks', 'Entries', 'Customers & suppliers', 'Orders', 'Statements', 'Reconciliation', 'Settings']) {
    await expect(nav.getByRole('link', { name, exact: true })).toBeVisible();
  }
  // The token in the address was swapped for a cookie and is gone from the address bar.
  expect(page.url()).not.toContain('token=');

  // Screens that come later say what they will do and what to do first.
  await nav.getByRole('link', { name: 'Orders' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Orders' })).toBeVisible();
  await expect(page.getByText('Set up a bank access under Banks first.')).toBeVisible();

  // Settings shows where the data lives.
  await nav.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByTestId('app-status')).toContainText(host().dataDir);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
});

test('switching to Deutsch shows German labels and amounts, and survives a reload', async ({ page }) => {
  const entity = await seed(host(), 'entities.create', { name: 'Muster GmbH' });
  const customer = await seed(host(), 'accounts.create', { kind: 'customer', number: 'K-1', name: 'Beispiel AG' });
  await seed(host(), 'entries.create', {
    entityId: entity.id,
    accountId: customer.id,
    type: 'Debit',
    number: 'RE-1',
    statementDate: '2026-03-02',
    dueDate: '2026-03-16',
    amountCents: 123456,
  });

  await page.goto(host().url);
  const nav = page.getByRole('navigation');
  const row = page.getByRole('row', { name: /RE-1/ });
  await expect(row).toContainText('1,234.56');
  await expect(row).toContainText('2026-03-16');

  await page.getByRole('button', { name: 'Deutsch' }).click();
  const german = async () => {
    for (const name of ['Banken', 'Posten', 'Kunden & Lieferanten', 'Aufträge', 'Kontoauszüge', 'Abgleich', 'Einstellungen']) {
      await expect(nav.getByRole('link', { name, exact: true })).toBeVisible();
    }
    await expect(page.getByRole('heading', { level: 1, name: 'Posten' })).toBeVisible();
    await expect(row).toContainText('1.234,56');
    await expect(row).toContainText('16.03.2026');
    await expect(row).toContainText('Forderung');
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  };
  await german();

  await page.reload();
  await german();

  // And back, so the switch goes both ways.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(nav.getByRole('link', { name: 'Entries', exact: true })).toBeVisible();
  await expect(row).toContainText('1,234.56');
});

test('backing up the ledger shows its progress and names the file it wrote', async ({ page }) => {
  await page.goto(host().url);
  await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Back up ledger' }).click();
  await expect(page.getByRole('progressbar', { name: 'Backup progress' })).toBeVisible();
  const done = page.getByText(/Backup complete \(\d+ pages\)/);
  await expect(done).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Backup complete' })).toContainText(`${host().dataDir}/backups/ledger-`);
});
