import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { createLogin } from '../../electron/ledger/pg/team';
import { addTarget2Days } from '../../shared/dates';
import { asLogin, freshTeamLedger, teamTestUrl, withSuperuser } from '../support/pg-ledger';
import { startKontorHost, type KontorHost } from './kontor-host';
import { seed } from './seed';

/**
 * Two workstations, one team ledger on PostgreSQL: Anna and Bernd each run
 * their own Kontor (two processes, two database logins) and have it open in
 * a browser. Anna builds a payment run; Bernd approves its transfer order in
 * his window; Anna's open page shows the approval without being reloaded —
 * the ledger announced the change (NOTIFY at commit), her Kontor heard it and
 * her screen loaded the order again.
 *
 * `npm run test:e2e` provides the PostgreSQL cluster (test/config/pg-cluster.mjs run --if-installed);
 * where PostgreSQL is not installed, this spec is skipped.
 */
const cluster = teamTestUrl();
test.skip(cluster === null, 'No PostgreSQL cluster for the team ledger: run under "node test/config/pg-cluster.mjs run …" (npm run test:e2e does).');

// Logins belong to the whole cluster, which the team tests share: names of this run's own.
const suffix = randomBytes(3).toString('hex');
const ANNA = `anna_${suffix}`;
const BERND = `bernd_${suffix}`;
let teamUrl: string;
let anna: KontorHost;
let bernd: KontorHost;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const url = freshTeamLedger(ANNA);
  teamUrl = url;
  withSuperuser(url, (db) => {
    createLogin(db, ANNA, 'anna-pw-1');
    createLogin(db, BERND, 'bernd-pw-1');
  });
  anna = await startKontorHost({ env: { KONTOR_DATABASE_URL: asLogin(url, ANNA, 'anna-pw-1') } });
  await seed(anna, 'users.grant', { user: BERND, role: 'approver' });
  bernd = await startKontorHost({ env: { KONTOR_DATABASE_URL: asLogin(url, BERND, 'bernd-pw-1') } });
});
test.afterAll(async () => {
  await anna?.stop();
  await bernd?.stop();
});

/** What Anna's workstation has in its books: a supplier with bank details and two payables due. */
async function books(host: KontorHost): Promise<void> {
  const access = await seed(host, 'bankAccess.create', {
    name: 'Hausbank',
    hostUrl: 'https://ebics.hausbank.example/ebicsweb',
    hostId: 'HAUSBANK',
    partnerId: 'MUSTER01',
    userId: 'ANNA01',
    ebicsVersion: 'H005',
  });
  const entity = await seed(host, 'entities.create', { name: 'Muster Handels GmbH', creditorId: 'DE98ZZZ09999999999' });
  const account = await seed(host, 'bankAccounts.create', {
    entityId: entity.id,
    bankAccessId: access.id,
    name: 'Geschäftskonto',
    iban: 'DE02120300000000202051',
  });
  await seed(host, 'entities.update', {
    id: entity.id,
    values: { name: 'Muster Handels GmbH', creditorId: 'DE98ZZZ09999999999', preferredBankAccountId: account.id },
  });
  const supplier = await seed(host, 'accounts.create', { kind: 'supplier', number: 'L-2001', name: 'Schreinerei Holzwurm GmbH' });
  await seed(host, 'instruments.create', {
    accountId: supplier.id,
    entityId: entity.id,
    kind: 'bank_details',
    holderName: 'Schreinerei Holzwurm GmbH',
    iban: 'DE89370400440532013000',
    direction: 'out',
  });
  const today = host.clock.today();
  for (const [number, amountCents] of [
    ['ER-1', 125_000],
    ['ER-2', 8_990],
  ] as const) {
    await seed(host, 'entries.create', {
      entityId: entity.id,
      accountId: supplier.id,
      type: 'Credit',
      number,
      statementDate: today,
      dueDate: addTarget2Days(today, 3),
      amountCents,
      requestedMethod: 'sepa',
    });
  }
}

/** Counts the page's loads: a reload or navigation to another document would start it again at zero. */
async function markDocument(page: Page): Promise<() => Promise<unknown>> {
  await page.evaluate(() => ((window as unknown as { kontorDocument: string }).kontorDocument = 'the first load'));
  return () => page.evaluate(() => (window as unknown as { kontorDocument?: string }).kontorDocument);
}

test('Anna builds a payment run, Bernd approves it at his workstation, and Anna’s open window shows the approval without reloading', async ({ browser }) => {
  test.setTimeout(120_000);
  await books(anna);
  const pageA = await (await browser.newContext()).newPage();
  const pageB = await (await browser.newContext()).newPage();

  await test.step('Anna builds the run and keeps the transfer order open', async () => {
    await pageA.goto(anna.url);
    await pageA.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
    await expect(pageA.getByTestId('who-acts')).toContainText(ANNA);
    await pageA.getByRole('navigation').getByRole('link', { name: 'Orders' }).click();
    await expect(pageA.getByTestId('eligibility-counts')).toHaveText('2 ready for payment, 0 not eligible');
    await pageA.getByRole('button', { name: 'Build payment run (2)' }).click();
    await expect(pageA.getByTestId('build-result')).toHaveText('Payment orders built: 1.');
    await pageA
      .getByTestId('orders-table')
      .getByRole('row', { name: /Credit transfer/ })
      .getByRole('link')
      .click();
    await expect(pageA.getByTestId('order-status')).toHaveText('draft');
  });
  const documentOfA = await markDocument(pageA);
  const addressOfA = pageA.url();

  await test.step('Bernd sees the new order on his workstation and approves it', async () => {
    await pageB.goto(bernd.url);
    await pageB.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
    await expect(pageB.getByTestId('who-acts')).toContainText(BERND);
    await pageB.getByRole('navigation').getByRole('link', { name: 'Orders' }).click();
    await pageB
      .getByTestId('orders-table')
      .getByRole('row', { name: /Credit transfer/ })
      .getByRole('link')
      .click();
    await expect(pageB.getByTestId('order-status')).toHaveText('draft');
    await pageB.getByRole('button', { name: 'Approve' }).click();
    const dialog = pageB.getByRole('dialog', { name: /Approve payment order \d+\?/ });
    await expect(dialog).toContainText(ANNA);
    await dialog.getByRole('button', { name: 'Approve' }).click();
    await expect(pageB.getByTestId('order-status')).toHaveText('approved');
  });

  await test.step('Anna’s page, untouched, shows the approval; it was not reloaded', async () => {
    await expect(pageA.getByTestId('order-status')).toHaveText('approved');
    expect(await documentOfA()).toBe('the first load');
    expect(pageA.url()).toBe(addressOfA);
  });
});

test('Settings shows the team ledger and the login; an address with a password in it is refused, the choice for the next start is said', async ({ page }) => {
  await page.goto(bernd.url);
  await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByTestId('app-status')).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  const section = page.getByRole('region', { name: 'Ledger' });
  const open = page.getByTestId('open-ledger');
  await expect(open).toContainText('team ledger (PostgreSQL)');
  await expect(open).toContainText(BERND);
  await expect(open).not.toContainText('bernd-pw-1');
  await expect(page.getByText('was named by KONTOR_DATABASE_URL or --database')).toBeVisible();

  await page.getByLabel('Team ledger address').fill(`postgres://${BERND}:geheim@db.example.local/kontor`);
  await page.getByLabel('Your database password').fill('geheim');
  await page.getByRole('button', { name: 'Use this team ledger from the next start' }).click();
  await expect(page.getByText('The address must not contain the password')).toBeVisible();

  // A server that does not answer: said, and nothing is chosen.
  await page.getByLabel('Team ledger address').fill(`postgres://${BERND}@127.0.0.1:1/kontor`);
  await page.getByRole('button', { name: 'Use this team ledger from the next start' }).click();
  await expect(section.getByRole('alert')).toContainText('Kontor could not open the team ledger postgres://' + BERND + '@127.0.0.1:1/kontor');
  await expect(page.getByTestId('ledger-chosen')).toHaveCount(0);

  // His own login and password: checked against the server, kept for the next start.
  const own = new URL(teamUrl);
  const address = `postgres://${BERND}@${own.host}${own.pathname}`;
  await page.getByLabel('Team ledger address').fill(address);
  await page.getByLabel('Your database password').fill('bernd-pw-1');
  await page.getByRole('button', { name: 'Use this team ledger from the next start' }).click();
  await expect(page.getByTestId('ledger-chosen')).toHaveText(`Saved. When Kontor starts again, it opens ${address}.`);
  expect(readFileSync(join(bernd.dataDir, 'team-ledger.json'), 'utf8')).not.toContain('bernd-pw-1');

  // Back to the ledger file of this workstation for the next start; the open ledger stays until then.
  await page.getByRole('button', { name: 'Use the ledger file of this computer from the next start' }).click();
  await expect(page.getByTestId('next-ledger')).toContainText('ledger file on this computer');
  await expect(open).toContainText('team ledger (PostgreSQL)');
  expect(existsSync(join(bernd.dataDir, 'team-ledger.json'))).toBe(false);
});
