import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { startKontorHost, type KontorHost } from './kontor-host';

let host: KontorHost;
test.beforeAll(async () => {
  // Anna is the login of the first person who opens the new ledger: its administrator.
  host = await startKontorHost({ user: 'anna' });
});
test.afterAll(async () => {
  await host.stop();
});

test('an administrator grants roles on the people screen, the audit log shows it, and its check finds a record edited in the file', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto(host.url);
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await nav.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByTestId('who-acts')).toContainText('anna');
  await expect(page.getByTestId('who-acts')).toContainText('Viewer, Preparer, Approver, Signer, Administrator');

  // Bernd has not opened Kontor yet; his login name is enough to prepare his roles.
  await page.getByLabel('Login name of the colleague').fill('bernd');
  await page.getByLabel('Role', { exact: true }).selectOption('viewer');
  await page.getByRole('button', { name: 'Grant role' }).click();
  const people = page.getByTestId('people-table');
  await expect(people.getByRole('row', { name: /bernd/ })).toBeVisible();
  // The box shows what the ledger holds: ticked once the grant is stored.
  await people.getByLabel('Approver for bernd').click();
  await expect(people.getByLabel('Approver for bernd')).toBeChecked();
  await expect
    .poll(async () => (await host.invoke('users.list', {})).value)
    .toContainEqual(expect.objectContaining({ identity: 'bernd', roles: ['viewer', 'approver'] }));

  // The audit log: who granted what, with the chain intact.
  await nav.getByRole('link', { name: 'Audit log' }).click();
  const log = page.getByTestId('audit-table');
  await expect(log.getByRole('row')).toHaveCount(4);
  await expect(log.getByRole('row').nth(1)).toContainText('users.granted');
  await expect(log.getByRole('row').nth(1)).toContainText('{"role":"approver"}');
  await expect(log.getByRole('row').nth(3)).toContainText('users.firstAdministrator');
  await page.getByRole('button', { name: 'Check the chain' }).click();
  await expect(page.getByTestId('audit-verify-result')).toHaveText('The chain is intact: 3 records checked (0 from before the chain existed).');

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csv = readFileSync((await (await downloading).path())!, 'utf8')
    .trimEnd()
    .split('\r\n');
  expect(csv[0]).toBe('\uFEFFNo.,Time (UTC),User,OS account,Action,Subject,Subject ID,Details,Hash');
  expect(csv).toHaveLength(4);

  // Someone with the ledger file in hand removes the guard and makes Bernd's grant an administrator's.
  const file = new BetterSqlite3(join(host.dataDir, 'ledger.sqlite'));
  file.exec('DROP TRIGGER audit_log_no_update');
  file.prepare('UPDATE audit_log SET details = ? WHERE id = 3').run('{"role":"administrator"}');
  file.close();
  await page.getByRole('button', { name: 'Check the chain' }).click();
  await expect(page.getByTestId('audit-verify-result')).toHaveText('The chain is broken at record 3: its content was changed after it was written.');
});

test('two windows edit the same party: the second save is refused naming who saved first, Reload keeps the field typed', async ({ browser }) => {
  const party = (await host.invoke('accounts.create', { kind: 'supplier', number: 'L-77', name: 'Druckerei Weiß', city: 'Köln' })).value as { id: number };
  const [first, second] = [await browser.newPage(), await browser.newPage()];
  for (const page of [first, second]) {
    await page.goto(`${host.url}#/accounts/${party.id}`);
    await page.getByRole('button', { name: 'Edit' }).click();
  }
  await first.getByLabel('Name', { exact: true }).fill('Druckerei Weiß GmbH');
  await first.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(first.getByTestId('account-facts')).toBeVisible();

  await second.getByLabel('City').fill('Bonn');
  await second.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(second.getByRole('alert')).toContainText(/Changed by anna on \d{4}-\d\d-\d\d at \d\d:\d\d, please reload\./);
  await second.getByRole('button', { name: 'Reload' }).click();
  await expect(second.getByRole('status')).toContainText('your change in one field is kept');
  await expect(second.getByLabel('Name', { exact: true })).toHaveValue('Druckerei Weiß GmbH');
  await expect(second.getByLabel('City')).toHaveValue('Bonn');
  await second.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(second.getByTestId('account-facts')).toContainText('Bonn');
  expect((await host.invoke('accounts.get', { id: party.id })).value).toMatchObject({ name: 'Druckerei Weiß GmbH', city: 'Bonn', version: 3 });
});

test('the person logged in is who acts: Bernd sees his own roles, cannot change anyone’s, and his display name changes nothing else', async ({ page }) => {
  await host.restart({ user: 'bernd' });
  await page.goto(host.url);
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByTestId('who-acts')).toContainText('bernd');
  await expect(page.getByTestId('who-acts')).toContainText('Viewer, Approver');
  await expect(page.getByTestId('people-table').getByLabel('Administrator for anna')).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Grant role' })).toHaveCount(0);

  await page.getByLabel('Display name').fill('anna');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  await expect(page.getByTestId('who-acts')).toContainText('bernd');
  expect((await host.invoke('users.grant', { user: 'bernd', role: 'administrator' })).error?.code).toBe('role.missing');
});
