import { expect, test } from '@playwright/test';
import { erpOpenItemsBytes, erpPartiesBytes } from '../../electron/services/parties/erp-fixtures';
import { useKontorHost } from './kontor-host';
import { seed } from './seed';

const host = useKontorHost();

/** The ERP's master data through the customers screen (D/K, IBAN, BIC, mandates), then its open items find every party. */
test('customers and suppliers with mandates come in from the master data, then the open items find them', async ({ page }) => {
  await seed(host(), 'entities.create', { name: 'Muster Handels GmbH', creditorId: 'DE98ZZZ09999999999' });

  await page.goto(host().url);
  await page.getByRole('navigation').getByRole('link', { name: 'Customers & suppliers' }).click();
  await page.getByRole('button', { name: 'Import from CSV' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import customers and suppliers from CSV' });
  await dialog.getByLabel('CSV file').setInputFiles({ name: 'Stammdaten.csv', mimeType: 'text/csv', buffer: Buffer.from(erpPartiesBytes()) });
  await expect(dialog.getByTestId('party-customer-values')).toHaveValue('D');
  await expect(dialog.getByTestId('party-supplier-values')).toHaveValue('K');
  await expect(dialog.getByTestId('party-import-counts')).toHaveText('5 rows: 5 ready, 0 with errors — 3 customer(s), 2 supplier(s); 5 new, 0 known');
  await expect(dialog.getByTestId('party-import-bank-counts')).toHaveText('2 new mandate(s), 3 new bank detail(s), 1 BIC(s) derived from the IBAN');
  const row = dialog.getByTestId('party-import-preview-table').getByRole('row', { name: /Müller/ });
  await expect(row).toContainText('DE89 3704 0044 0532 0130 00');
  await expect(row).toContainText('MRF-10001');
  await dialog.getByRole('button', { name: 'Import 5 rows' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('party-import-result')).toHaveText('5 created, 0 completed; 2 mandate(s), 3 bank detail(s).');
  await expect(page.getByTestId('accounts-table').getByRole('row', { name: /70002/ })).toContainText('Schäfer Logistik KG');

  await page.getByRole('navigation').getByRole('link', { name: 'Entries' }).click();
  await page.getByRole('button', { name: 'Import from CSV' }).click();
  const entries = page.getByRole('dialog', { name: 'Import entries from CSV' });
  await entries.getByLabel('CSV file').setInputFiles({ name: 'OP-Liste.csv', mimeType: 'text/csv', buffer: Buffer.from(erpOpenItemsBytes()) });
  await expect(entries.getByTestId('import-counts')).toHaveText('7 rows: 7 ready, 0 with errors');
  await expect(entries.getByTestId('import-master-data')).toHaveCount(0);
  await entries.getByRole('button', { name: 'Import 7 entries' }).click();
  await expect(page.getByTestId('import-result')).toHaveText('7 entries imported.');
});
