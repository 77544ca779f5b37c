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
