import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { addDays } from '../../shared/dates';
import { openBankAdmin } from '../../electron/demo-bank/admin';
import { addSubscriber, setSignerClass, signAtBank } from '../../electron/demo-bank/subscribers';
import { useKontorHost, type KontorHost } from './kontor-host';
import { demoBankAccess, seed } from './seed';

const host = useKontorHost();

/** The five transfers of the run: the bank's payee check finds each one differently; the last goes as SEPA Instant. */
const PAYEES = [
  { n: 1, holder: 'Papierwerk Nord GmbH', registered: 'Papierwerk Nord GmbH', iban: 'DE02120300000000202051', cents: 100_000 },
  { n: 2, holder: 'Mueller und Soehne', registered: 'Müller & Söhne KG', iban: 'DE89370400440532013000', cents: 50_055 },
  { n: 3, holder: 'Hans Wurst', registered: 'Schmidt Logistik GmbH', iban: 'DE75512108001245126199', cents: 20_000 },
  { n: 4, holder: 'Cafe Creme SARL', registered: null, iban: 'FR1420041010050500013M02606', cents: 1_055 },
  { n: 5, holder: 'Anna Berger', registered: 'Anna Berger', iban: 'DE44500105175407324931', cents: 7_700 },
  // Not in the run: a later transfer, sent without the check and released at the bank by two signers.
  { n: 6, holder: 'Papierwerk Nord GmbH', registered: null, iban: 'DE02120300000000202051', cents: 4_711 },
] as const;

/** The demo bank's clerk, on the bank's own database beside the running host (as `kontor demo-bank …` does). */
function atTheBank<T>(h: KontorHost, work: (admin: ReturnType<typeof openBankAdmin>) => T): T {
  const admin = openBankAdmin(join(h.dataDir, 'demo-bank'), { clock: h.clock });
  try {
    return work(admin);
  } finally {
    admin.close();
  }
}

/** Returns the supplier account of each payee, by its number. */
async function seedLedger(h: KontorHost): Promise<Map<number, number>> {
  const suppliers = new Map<number, number>();
  const { accessId, ownIban } = await demoBankAccess(h);
  const settings = await seed<Record<string, unknown>>(h, 'bankAccess.settings', { id: accessId });
  await seed(h, 'bankAccess.updateSettings', { id: accessId, settings: { ...settings, instantOffered: true, instantLimitCents: 10_000_000 } });
  const entity = await seed(h, 'entities.create', { name: 'Muster Handels GmbH' });
  const account = await seed(h, 'bankAccounts.create', { entityId: entity.id, bankAccessId: accessId, name: 'Geschäftskonto', iban: ownIban });
  await seed(h, 'entities.update', { id: entity.id, values: { name: 'Muster Handels GmbH', preferredBankAccountId: account.id } });
  for (const p of PAYEES) {
    const supplier = await seed(h, 'accounts.create', { kind: 'supplier', number: `L-${p.n}`, name: p.holder });
    suppliers.set(p.n, supplier.id);
    await seed(h, 'instruments.create', {
      accountId: supplier.id,
      entityId: entity.id,
      kind: 'bank_details',
      holderName: p.holder,
      iban: p.iban,
      direction: 'out',
    });
    await seed(h, 'entries.create', {
      entityId: entity.id,
      accountId: supplier.id,
      type: 'Credit',
      number: `ER-${p.n}`,
      statementDate: h.clock.today(),
      dueDate: addDays(h.clock.today(), 2),
      amountCents: p.cents,
      requestedMethod: 'sepa',
    });
    if (p.registered) await seed(h, 'demoBank.addHolder', { iban: p.iban, name: p.registered });
  }
  // Kontor's subscriber signs alone (class E); two more signers of the partner sign together at the bank (A, B).
  atTheBank(h, (admin) => {
    setSignerClass(admin, 'KONTOR01', 'USER01', 'E');
    addSubscriber(admin, { partnerId: 'KONTOR01', userId: 'SIGA', signatureClass: 'A' });
    addSubscriber(admin, { partnerId: 'KONTOR01', userId: 'SIGB', signatureClass: 'B' });
  });
  for (const role of ['preparer', 'approver', 'signer'] as const) await seed(h, 'users.grant', { user: 'otto', role });
  return suppliers;
}

async function build(page: Page, count: number, o: { leaveOut: string[]; instant: boolean }): Promise<void> {
  for (const number of o.leaveOut) await page.getByLabel(`Choose ${number}`).uncheck();
  const instant = page.getByTestId('run-instant-choice');
  if (o.instant) await instant.check();
  else if (await instant.isChecked()) await instant.uncheck();
  await page.getByRole('button', { name: `Build payment run (${count})` }).click();
  await expect(page.getByTestId('build-result')).toHaveText('Payment orders built: 1.');
}

/** Approves the order in the list row matching `name` (after the run summary) and uploads it with or without the payee check. */
async function approveAndUpload(page: Page, row: RegExp, vop: 'with' | 'waive'): Promise<string> {
  await page.getByRole('navigation').getByRole('link', { name: 'Orders' }).click();
  await page.getByTestId('orders-table').getByRole('row', { name: row }).getByRole('link').first().click();
  await page.getByRole('button', { name: 'Approve' }).click();
  await page
    .getByRole('dialog', { name: /Approve payment order \d+\?/ })
    .getByRole('button', { name: 'Approve' })
    .click();
  await expect(page.getByTestId('order-status')).toHaveText('approved');
  await page.getByRole('button', { name: 'Upload to the bank' }).click();
  const dialog = page.getByRole('dialog', { name: /Upload payment order \d+ to the bank\?/ });
  const choice = dialog.getByTestId('vop-choice');
  await expect(choice.getByRole('radio', { name: /With verification of payee/ })).toBeChecked();
  if (vop === 'waive') await choice.getByRole('radio', { name: /Waive it/ }).check();
  await dialog.getByRole('button', { name: 'Upload to the bank' }).click();
  await expect(page.getByTestId('order-notice')).toHaveText('Uploaded. The bank waits for the authorised signature (distributed signature).');
  return (await page.getByTestId('order-facts').locator('dt:has-text("EBICS order ID") + dd').textContent())!.trim();
}

test('a run of five transfers checked by the payee’s banks, the close match’s name taken, released by an E signer in Kontor; an instant order cancelled; a third sent without the check and released by A and B at the bank', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const suppliers = await seedLedger(host());

  // The clerk builds the run: four transfers, and the instant one as its own instant order.
  await page.goto(host().url);
  await page.getByRole('navigation').getByRole('link', { name: 'Orders' }).click();
  await expect(page.getByTestId('eligibility-counts')).toHaveText('6 ready for payment, 0 not eligible');
  await build(page, 4, { leaveOut: ['ER-5', 'ER-6'], instant: false });
  await build(page, 1, { leaveOut: ['ER-6'], instant: true });
  await build(page, 1, { leaveOut: [], instant: false });
  const table = page.getByTestId('orders-table');
  await expect(table.getByRole('row', { name: /1,711\.10/ })).toContainText('Credit transfer');
  await expect(table.getByRole('row', { name: /77\.00/ })).toContainText('Instant credit transfer');

  // Otto approves and uploads under his own login (four eyes).
  await host().restart({ user: 'otto' });
  await page.goto(host().url);
  await approveAndUpload(page, /1,711\.10/, 'with');

  // The results of the payee check, with counts and sums; the close match's name goes into the supplier's bank details.
  const summary = page.getByTestId('vop-summary');
  await expect(summary).toContainText('Match: 1 (EUR 1,000.00)');
  await expect(summary).toContainText('Close match: 1 (EUR 500.55)');
  await expect(summary).toContainText('No match: 1 (EUR 200.00)');
  await expect(summary).toContainText('Check not possible: 1 (EUR 10.55)');
  const close = page.getByTestId('vop-results').getByRole('row', { name: /Mueller und Soehne/ });
  await expect(close).toContainText('Müller & Söhne KG');
  await close.getByRole('button', { name: 'Use this name for the supplier' }).click();
  await expect(page.getByTestId('veu-panel')).toContainText('The supplier’s bank details now carry the name “Müller & Söhne KG”.');
  const details = await seed<Array<{ iban: string; holderName: string }>>(host(), 'instruments.list', { accountId: suppliers.get(2) });
  expect(details.find((i) => i.iban === PAYEES[1].iban)?.holderName).toBe('Müller & Söhne KG');

  // The E signer releases the order in Kontor, confirming with the typed total.
  await page.getByTestId('veu-confirm').fill('1711.10');
  await page.getByRole('button', { name: 'Sign and release' }).click();
  await expect(page.getByTestId('veu-panel')).toContainText('Signed and released: the bank executes the order.');

  // The instant order, checked too, is cancelled at the bank.
  const instantId = await approveAndUpload(page, /77\.00/, 'with');
  await expect(page.getByTestId('order-facts')).toContainText('Instant credit transfer');
  await expect(page.getByTestId('vop-summary')).toContainText('Match: 1 (EUR 77.00)');
  await page.getByTestId('veu-confirm').fill('77.00');
  await page.getByRole('button', { name: 'Cancel the order at the bank' }).click();
  await expect(page.getByTestId('veu-panel')).toContainText('The order was cancelled at the bank.');

  // The third order goes without the check and is released at the bank by two signers, A then B.
  const thirdId = await approveAndUpload(page, /47\.11/, 'waive');
  await expect(page.getByTestId('vop-status')).toHaveText('This order was sent without verification of payee.');
  expect(atTheBank(host(), (admin) => signAtBank(admin, thirdId, 'KONTOR01', 'SIGA'))).toBe('waiting');
  expect(atTheBank(host(), (admin) => signAtBank(admin, thirdId, 'KONTOR01', 'SIGB'))).toBe('released');

  const atBank = (await host().invoke('demoBank.orders', {})).value as Array<{ orderId: string; state: string }>;
  const state = (id: string) => atBank.find((o) => o.orderId === id)?.state;
  expect(state(instantId)).not.toBe('released');
  expect(state(thirdId)).toBe('released');
  expect(atBank.filter((o) => o.state === 'released')).toHaveLength(2);
});
