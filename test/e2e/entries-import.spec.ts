import { expect, test } from '@playwright/test';
import { windows1252 } from '../../electron/csv/test-files';
import { useKontorHost } from './kontor-host';
import { seed } from './seed';

const host = useKontorHost();

/** Open items as a German ERP writes them: Windows-1252, two metadata lines, one bad amount. */
const CSV = [
  'Offene Posten Debitoren;;;;;',
  'Stichtag: 21.11.2026;;;;;',
  'Belegnummer;Belegdatum;Fällig am;Kunde;Betrag;Verwendungszweck',
  'RE-2026-101;01.11.2026;15.11.2026;K-1001;1.234,56;Rechnung RE-2026-101 Büromöbel',
  'RE-2026-102;02.11.2026;16.11.2026;K-1002;12,3,4;Rechnung RE-2026-102',
  'RE-2026-103;03.11.2026;17.11.2026;K-1002;99,90;Rechnung RE-2026-103 für Bäckerei',
  '',
].join('\r\n');
const BYTES = [...windows1252(CSV)];

test('a German CSV export is previewed with its bad row flagged, imported without it, and refused the second time', async ({ page }) => {
  await seed(host(), 'entities.create', { name: 'Muster Handels GmbH' });
  await seed(host(), 'accounts.create', { kind: 'customer', number: 'K-1001', name: 'Müller & Söhne GmbH' });
  await seed(host(), 'accounts.create', { kind: 'customer', number: 'K-1002', name: 'Bäckerei Groß' });

  await page.goto(host().url);
  await page.getByRole('navigation').getByRole('link', { name: 'Entries' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Entries' })).toBeVisible();
  const file = { name: 'OP-Liste.csv', mimeType: 'text/csv', buffer: Buffer.from(BYTES) };

  // Cancel after the preview: nothing is imported.
  await page.getByRole('button', { name: 'Import from CSV' }).click();
  let dialog = page.getByRole('dialog', { name: 'Import entries from CSV' });
  await dialog.getByLabel('CSV file').setInputFiles(file);
  await expect(dialog.getByTestId('import-counts')).toHaveText('3 rows: 2 ready, 1 with errors');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('entries-total')).toHaveText('0 entries');

  // Choose the file: detected settings, suggested columns, the bad row flagged.
  await page.getByRole('button', { name: 'Import from CSV' }).click();
  dialog = page.getByRole('dialog', { name: 'Import entries from CSV' });
  await dialog.getByLabel('CSV file').setInputFiles(file);
  await expect(dialog.getByTestId('import-counts')).toHaveText('3 rows: 2 ready, 1 with errors');
  await expect(dialog.getByLabel('Encoding').locator('option:checked')).toHaveText('Detected: Windows-1252 / ISO-8859-1');
  await expect(dialog.getByLabel('Separator', { exact: true }).locator('option:checked')).toHaveText('Detected: Semicolon ;');
  await expect(dialog.getByLabel('Header in line')).toHaveValue('3');
  await expect(dialog.getByLabel('Decimal separator').locator('option:checked')).toHaveText('Detected: Comma (1.234,56)');
  await expect(dialog.getByText('2 line(s) above the header skipped: Offene Posten Debitoren · Stichtag: 21.11.2026')).toBeVisible();
  await expect(dialog.getByLabel('Customer / supplier number')).toHaveValue('Kunde');
  await expect(dialog.getByLabel('Amount', { exact: true })).toHaveValue('Betrag');
  await expect(dialog.getByLabel('Due date')).toHaveValue('Fällig am');

  const table = dialog.getByTestId('import-preview-table');
  await expect(table.getByRole('row', { name: /RE-2026-101/ })).toContainText('Müller & Söhne GmbH');
  await expect(table.getByRole('row', { name: /RE-2026-101/ })).toContainText('1,234.56');
  const bad = table.getByRole('row', { name: /RE-2026-102/ });
  await expect(bad).toContainText('Error');
  await expect(bad).toContainText('Betrag: Not a valid amount: “12,3,4”.');

  const importButton = dialog.getByRole('button', { name: 'Import 2 entries' });
  await expect(importButton).toBeDisabled();
  await expect(dialog.getByText('Some rows have errors: correct the file, or skip those rows.')).toBeVisible();
  await dialog.getByLabel('Skip the row with errors').check();
  await dialog.getByLabel('Save as profile').fill('ERP Debitoren');
  await importButton.click();
  await expect(dialog).toBeHidden();

  await expect(page.getByTestId('import-result')).toHaveText('2 entries imported. 1 row with errors was skipped.');
  await expect(page.getByTestId('entries-total')).toHaveText('2 entries');
  const imported = page.getByTestId('entries-table').getByRole('row', { name: /RE-2026-101/ });
  await expect(imported).toContainText('Müller & Söhne GmbH');
  await expect(imported).toContainText('1,234.56');
  await expect(imported).toContainText('2026-11-15');
  await expect(page.getByTestId('entries-table').getByRole('row', { name: /RE-2026-103/ })).toContainText('99.90');
  await expect(page.getByTestId('entries-table')).not.toContainText('RE-2026-102');

  // The same content dropped again, under another name: refused before anything can be pressed.
  await page.getByRole('button', { name: 'Import from CSV' }).click();
  dialog = page.getByRole('dialog', { name: 'Import entries from CSV' });
  await expect(dialog.getByLabel('Profile').locator('option', { hasText: 'ERP Debitoren' })).toHaveCount(1);
  const dataTransfer = await page.evaluateHandle((bytes) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(bytes)], 'OP-Liste-Kopie.csv', { type: 'text/csv' }));
    return dt;
  }, BYTES);
  await dialog.getByTestId('import-dialog').dispatchEvent('drop', { dataTransfer });
  await expect(dialog.getByRole('alert')).toContainText(
    /This file was imported before \(as “OP-Liste\.csv” on \d{4}-\d{2}-\d{2}\)\. Importing it again would double its entries\./,
  );
  await expect(dialog.getByTestId('import-counts')).toHaveText('3 rows: 0 ready, 3 with errors');
  await expect(dialog.getByTestId('import-preview-table').getByRole('row', { name: /RE-2026-101/ })).toContainText(
    'There is already an entry RE-2026-101 for this business entity.',
  );
  await dialog.getByLabel('Skip the 3 rows with errors').check();
  await expect(dialog.getByRole('button', { name: /^Import \d+ entr/ })).toBeDisabled();
  await expect(dialog.getByText('This file was imported before.', { exact: true })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('entries-total')).toHaveText('2 entries');
});
