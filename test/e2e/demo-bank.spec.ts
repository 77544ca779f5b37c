import { expect, test } from '@playwright/test';
import { useKontorHost } from './kontor-host';

const host = useKontorHost();

test('a fresh Kontor comes up with the demo bank running and its user letter ready for the setup', async ({ page }) => {
  await page.goto(host().url);
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Banks' }).click();
  const letter = page.getByTestId('demo-bank-letter');
  await expect(letter).toContainText('Host ID:         KONTORDEMO');
  await expect(letter).toContainText('Partner ID:      KONTOR01');
  const text = (await letter.textContent()) ?? '';
  const url = /Host URL:\s+(http:\/\/127\.0\.0\.1:\d+\/ebicsweb)/.exec(text)?.[1];
  expect(url).toBeDefined();

  // The letter's address answers like a bank: HEV lists EBICS 2.5 and 3.0.
  const hev = await fetch(url!, {
    method: 'POST',
    headers: { 'content-type': 'text/xml' },
    body: '<?xml version="1.0" encoding="UTF-8"?><ebicsHEVRequest xmlns="http://www.ebics.org/H000"><HostID>KONTORDEMO</HostID></ebicsHEVRequest>',
  });
  const answer = await hev.text();
  expect(answer).toContain('ProtocolVersion="H004"');
  expect(answer).toContain('ProtocolVersion="H005"');
});

test('in demo mode the user plays the authorised signer and releases or rejects uploaded orders', async ({ page }) => {
  const { clientFor, makeSubscriberKeys } = await import('../support/demo-bank');
  const { openBankAdmin } = await import('../../electron/demo-bank/admin');
  const { activate } = await import('../../electron/demo-bank/subscribers');
  const { accountsOfPartner } = await import('../../electron/demo-bank/store/accounts');
  const { samplePain } = await import('../support/pain-files');
  const { openLedger } = await import('../../electron/ledger/database');
  const { addTarget2Days } = await import('../../shared/dates');
  const { join } = await import('node:path');

  // Another customer's software (Kontor's engine in this test) uploads two orders to the same demo bank.
  const status = (await host().invoke('demoBank.status', {})).value as { url: string; hostId: string };
  const bank = { url: status.url, hostId: status.hostId } as Parameters<typeof clientFor>[0]['bank'];
  const ledger = openLedger(join(host().dataDir, 'other-ledger.sqlite'));
  const keys = await makeSubscriberKeys('H004');
  // Kontor's engine in the test runs on the host's clock, as real clocks agree.
  const clock = host().clock;
  const first = clientFor({ bank, version: 'H004', keys, ledger, clock });
  await first.sendIni();
  await first.sendHia();
  const admin = openBankAdmin(join(host().dataDir, 'demo-bank'), { url: status.url, clock });
  activate(admin, 'KONTOR01', 'USER01');
  const own = accountsOfPartner(admin.db, 'KONTOR01')[0]!.iban;
  admin.close();
  const fetched = await first.fetchBankKeys();
  const bankKeys = {
    authentication: fetched.authentication.key,
    encryption: fetched.encryption.key,
    authenticationDigest: fetched.authentication.publicKeyHash,
    encryptionDigest: fetched.encryption.publicKeyHash,
  };
  const client = clientFor({ bank, version: 'H004', keys, ledger, bankKeys, clock });
  // A business day: the bank refuses a collection on a weekend or holiday.
  const date = addTarget2Days(clock.today(), 5);
  const a = await client.upload('credit_transfer', samplePain('credit_transfer', { ownIban: own, date, count: 2 }));
  const b = await client.upload('direct_debit_core', samplePain('direct_debit_core', { ownIban: own, date, count: 1 }));
  ledger.close();

  await page.goto(host().url);
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Banks' }).click();
  const table = page.getByTestId('demo-signer-orders');
  await expect(table).toContainText(a.orderId!);
  await page.getByRole('button', { name: `Release ${a.orderId}` }).click();
  await page.getByRole('button', { name: `Reject ${b.orderId}` }).click();
  await expect(table.getByRole('row', { name: new RegExp(a.orderId!) })).toContainText('Released');
  await expect(table.getByRole('row', { name: new RegExp(b.orderId!) })).toContainText('Rejected');
  await expect(page.getByRole('button', { name: `Release ${a.orderId}` })).toHaveCount(0);
});
