import { expect, test } from '@playwright/test';
import { useKontorHost } from './kontor-host';

const host = useKontorHost();

const statusCall = (headers: Record<string, string>) =>
  fetch(`${host().origin}/api/invoke/app.status`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: '{}',
  });

test('the API refuses a caller without the token, and a page from another origin even with it', async () => {
  const anonymous = await statusCall({});
  expect(anonymous.status).toBe(401);

  const foreign = await statusCall({ 'X-Kontor-Token': host().token, Origin: 'http://evil.example' });
  expect(foreign.status).toBe(403);

  // The same call with the token and no foreign origin is fine: it was the origin that was refused.
  const own = await statusCall({ 'X-Kontor-Token': host().token });
  expect(own.status).toBe(200);
  expect(await own.json()).toMatchObject({ ok: true, value: { dataDir: host().dataDir } });
});

test('a page whose session has ended says how to get back', async ({ page, context }) => {
  await page.goto(host().url);
  // Wait until the first screen has loaded, so that only the next call meets the ended session.
  await expect(page.getByText('Create your company under Settings first')).toBeVisible();
  await context.clearCookies();
  await page.getByRole('navigation').getByRole('link', { name: 'Banks' }).click();
  await expect(page.getByRole('heading', { name: 'This Kontor session has ended' })).toBeVisible();
  await expect(page.getByText('Open the address Kontor printed again')).toBeVisible();
});
