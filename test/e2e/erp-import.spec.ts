import { expect, test } from '@playwright/test';
import { erpOpenItemsBytes, ERP_OPEN_ITEMS } from '../../electron/services/parties/erp-fixtures';
import { useKontorHost } from './kontor-host';
import { seed } from './seed';

const host = useKontorHost();

/**
 * A German clerk imports the ERP's open items (Windows-1252, `;`, decimal
 * comma, a D/K column, IBAN/BIC/mandate columns) into an empty ledger
 * through the window: D becomes receivables, K payables, the customers,
 * suppliers and mandates are created, totals per type in German notation.
 */
test('open items with a D/K column become receivables and payables, with their customers, suppliers and mandates', async ({ page }) => {
  await seed(host(), 'entities.create', { name: 'Muster Handels GmbH', creditorId: 'DE98ZZZ09999999999' });
  await seed(host(), 'settings.update', { locale: 'de' });

  await page.goto(host().url);
  await page.getByRole('navigation').getByRole('link', { name: 'Posten' }).click();
  await page.getByRole('button', { name: 'Aus CSV importieren' }).click();
  const dialog = page.getByRole('dialog', { name: 'Posten aus CSV importieren' });
  await dialog.getByLabel('CSV-Datei').setInputFiles({ name: 'OP-Liste.csv', mimeType: 'text/csv', buffer: Buffer.from(erpOpenItemsBytes()) });

  // The D/K column is found and its values mapped: D receivable, K payable (K is no longer refused).
  await expect(dialog.getByLabel('Forderung oder Verbindlichkeit', { exact: true }).locator('option:checked')).toHaveText(
    'Aus einer Spalte (D/K, S/H, Soll/Haben, RE/GS …)',
  );
  await expect(dialog.getByLabel('Spalte mit Forderung oder Verbindlichkeit')).toHaveValue('D/K');
  await expect(dialog.getByTestId('import-receivable-values')).toHaveValue('D');
  await expect(dialog.getByTestId('import-payable-values')).toHaveValue('K');
  await expect(dialog.getByLabel('IBAN', { exact: true })).toHaveValue('IBAN');
  await expect(dialog.getByLabel('Mandat unterschrieben am')).toHaveValue('Mandatsdatum');

  // Nobody is in the ledger yet: create them from the file.
  await expect(dialog.getByTestId('import-counts')).toHaveText('7 Zeilen: 0 bereit, 7 mit Fehlern');
  await dialog.getByLabel('Unbekannte Kunden und Lieferanten aus der Namensspalte anlegen').check();
  await expect(dialog.getByTestId('import-counts')).toContainText('7 Zeilen: 7 bereit, 0 mit Fehlern');
  await expect(dialog.getByTestId('import-master-data')).toHaveText('Neue Stammdaten: 2 Mandat(e), 3 Bankverbindung(en)');

  // Totals per type in the user's notation, payables as money out.
  const totals = dialog.getByTestId('import-type-totals');
  await expect(totals.getByRole('row', { name: /Forderungen/ })).toContainText('Zahlungseingang');
  await expect(totals.getByRole('row', { name: /Forderungen/ })).toContainText('11.784,46');
  await expect(totals.getByRole('row', { name: /Verbindlichkeiten/ })).toContainText('Zahlungsausgang');
  await expect(totals.getByRole('row', { name: /Verbindlichkeiten/ })).toContainText('-3.590,40');

  // Each row with its type and direction, dates and amounts in German notation.
  const table = dialog.getByTestId('import-preview-table');
  const supplierRow = table.getByRole('row', { name: /ER-4711/ });
  await expect(supplierRow).toContainText('Verbindlichkeit');
  await expect(supplierRow).toContainText('Zahlungsausgang');
  await expect(supplierRow).toContainText('Öko-Papier Süd AG');
  await expect(supplierRow).toContainText('04.11.2026');
  await expect(supplierRow).toContainText('2.500,00');
  await expect(table.getByRole('row', { name: /AR-2026-103/ })).toContainText('Forderung');

  // The values are the user's to edit: a payable value typed here is kept in the mapping.
  await dialog.getByTestId('import-payable-values').fill('K, GS');
  await dialog.getByTestId('import-payable-values').press('Enter');
  await expect(dialog.getByTestId('import-payable-values')).toHaveValue('K, GS');
  await expect(dialog.getByTestId('import-counts')).toContainText('7 bereit');

  await dialog.getByLabel('Als Profil speichern').fill('ERP OP-Liste');
  await dialog.getByRole('button', { name: '7 Posten importieren' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('import-result')).toContainText('7 Posten importiert.');
  await expect(page.getByTestId('import-result')).toContainText('5 Kunden oder Lieferanten angelegt.');
  await expect(page.getByTestId('import-result')).toContainText('2 Mandat(e) und 3 Bankverbindung(en) angelegt.');

  const accounts = await seed<{ number: string; kind: string; name: string }[]>(host(), 'accounts.list', {});
  expect(accounts.map((a) => `${a.number} ${a.kind} ${a.name}`).sort()).toEqual([
    '10001 customer Müller & Söhne GmbH',
    '10002 customer Bäckerei Größler',
    '10003 customer Ärztehaus Überlingen',
    '70001 supplier Öko-Papier Süd AG',
    '70002 supplier Schäfer Logistik KG',
  ]);
  const entries = await seed<{ rows: { number: string; type: string }[] }>(host(), 'entries.list', {});
  const types = Object.fromEntries(entries.rows.map((e) => [e.number, e.type]));
  for (const line of ERP_OPEN_ITEMS.split('\r\n').slice(3, -1)) {
    const [number, , , , , dk] = line.split(';');
    expect(types[number!], number).toBe(dk === 'D' ? 'Debit' : 'Credit');
  }
  const [profile] = await seed<{ mapping: { type: unknown } }[]>(host(), 'entries.importProfiles', {});
  expect(profile!.mapping.type).toEqual({ from: 'column', receivable: ['D'], payable: ['K', 'GS'] });
});
