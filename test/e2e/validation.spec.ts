import { expect, test } from '@playwright/test';
import { useKontorHost } from './kontor-host';
import { seed } from './seed';

const host = useKontorHost();

test('a form flags an invalid IBAN while it is typed, in the user’s language, and keeps what was typed when the server refuses', async ({ page }) => {
  const entity = await seed(host(), 'entities.create', { name: 'Muster GmbH' });
  await seed(host(), 'bankAccounts.create', { entityId: entity.id, name: 'Existing', iban: 'DE89370400440532013000' });

  await page.goto(host().url);
  await page.getByRole('navigation').getByRole('link', { name: 'Banks' }).click();
  await page.getByRole('button', { name: 'New bank account' }).click();
  let dialog = page.getByRole('dialog', { name: 'New bank account' });
  let iban = dialog.getByLabel('IBAN');

  // Last digit mistyped: the check digits no longer match. Focus stays in the field.
  await iban.pressSequentially('DE02 1203 0000 0000 2020 52');
  await expect(iban).toBeFocused();
  await expect(dialog.getByText('This IBAN is not valid: the check digits do not match (typing error?).')).toBeVisible();
  await expect(iban).toHaveAttribute('aria-invalid', 'true');

  await iban.press('Backspace');
  await iban.pressSequentially('1');
  await expect(dialog.getByText(/This IBAN is not valid/)).toBeHidden();
  await expect(iban).not.toHaveAttribute('aria-invalid', 'true');

  // The server refuses an IBAN that is already registered: the message lands on the field, nothing typed is lost.
  await dialog.getByLabel('Account name').fill('Second account');
  await iban.fill('DE89 3704 0044 0532 0130 00');
  await dialog.getByLabel('Account name').press('Enter');
  await expect(dialog.getByText('This IBAN is already registered as one of your bank accounts.')).toBeVisible();
  await expect(iban).toBeFocused();
  await expect(dialog.getByLabel('Account name')).toHaveValue('Second account');
  await expect(iban).toHaveValue('DE89 3704 0044 0532 0130 00');

  // Esc closes the form; in German the same mistake reads German.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'Deutsch' }).click();
  await page.getByRole('button', { name: 'Neues Bankkonto' }).click();
  dialog = page.getByRole('dialog', { name: 'Neues Bankkonto' });
  iban = dialog.getByLabel('IBAN');
  await iban.pressSequentially('DE02 1203 0000 0000 2020 52');
  await expect(dialog.getByText('Diese IBAN ist ungültig: Die Prüfziffern stimmen nicht (Tippfehler?).')).toBeVisible();
});

test('the server refuses a malformed call and writes nothing', async () => {
  const before = await host().invoke('entities.list', {});
  expect(before.ok).toBe(true);

  const refused = await host().invoke('entities.create', { name: 123 });
  expect(refused.ok).toBe(false);
  expect(refused.error).toMatchObject({ code: 'input.invalid', issues: [{ path: 'name' }] });

  const after = await host().invoke('entities.list', {});
  expect(after).toEqual(before);
});
