import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { useKontorHost, type KontorHost } from './kontor-host';

/**
 * A new user sets up the demo bank through the wizard, as docs/ebics.md
 * ("A bank access, step by step") describes it, and closes Kontor in the
 * middle (after INI and HIA, while the letter is in the post).
 */

/** Work that is slow on purpose or on a busy machine: key files (scrypt), key generation, PDF letters. */
const SLOW = 30_000;

/** The hash of one bank key as the confirmation letter prints it for this EBICS version. */
function hashFromLetter(letter: string, key: 'Authentication key X002' | 'Encryption key E002', version: 'H004' | 'H005'): string {
  const block = letter.slice(letter.indexOf(key));
  const label = version === 'H004' ? 'Hash of the public key (EBICS 2.5):' : 'Hash of the certificate (EBICS 3.0):';
  const hash = new RegExp(`${label.replace(/[()]/g, '\\$&')}\\s+((?:[0-9A-F]{2} ?){32})`).exec(block)?.[1];
  expect(hash, `${key} in the letter:\n${letter}`).toBeDefined();
  return hash!.trim();
}

/** The same hash with its last pair changed: a typing error in one place. */
function mistyped(hash: string): string {
  const pairs = hash.split(' ');
  pairs[pairs.length - 1] = pairs.at(-1) === '00' ? '01' : '00';
  return pairs.join(' ');
}

/**
 * The one-time code the browser host printed on its terminal after the first
 * `from` characters of its output: what the person at the keyboard reads off
 * the screen. The page itself never learns it.
 */
async function codeFromTerminal(host: KontorHost, from: number): Promise<string> {
  let code: string | undefined;
  await expect.poll(() => (code = /(?:Confirmation code|Bestätigungscode): (\d{4} \d{4})/.exec(host.output.slice(from))?.[1]), { timeout: SLOW }).toBeDefined();
  return code!;
}

/** The same code with its first digit changed. */
const mistypedCode = (code: string) => `${code.startsWith('1') ? '2' : '1'}${code.slice(1)}`;

async function openBanks(page: Page, host: KontorHost) {
  await page.goto(host.url);
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Banks' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Banks' })).toBeVisible();
}

async function setUpDemoBank(page: Page, host: () => KontorHost, version: 'H004' | 'H005', letterLanguage: 'English' | 'German') {
  test.setTimeout(180_000);
  await openBanks(page, host());
  await expect(page.getByText('No bank access yet')).toBeVisible();
  await page.getByRole('link', { name: 'Set up the demo bank' }).click();

  // a. The bank details, prefilled from the demo bank's user letter; the bank is asked which versions it speaks.
  await expect(page.getByRole('heading', { level: 1, name: 'Set up bank access' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Bank details from your user letter' })).toBeFocused();
  await expect(page.getByRole('region', { name: 'Steps of the setup' })).toContainText('Step 1 of 6');
  await expect(page.getByLabel('Bank name')).toHaveValue('Kontor Demo Bank');
  await expect(page.getByLabel('Host ID')).toHaveValue('KONTORDEMO');
  await expect(page.getByLabel('Partner ID')).toHaveValue('KONTOR01');
  await expect(page.getByLabel('User ID')).toHaveValue('USER01');
  await expect(page.getByLabel('Host URL')).toHaveValue(/^http:\/\/127\.0\.0\.1:\d+\/ebicsweb$/);
  await expect(page.getByTestId('probe-result')).toHaveText('The bank speaks EBICS 2.5 and 3.0.', { timeout: SLOW });
  const versionSelect = page.getByLabel('EBICS version');
  await expect(versionSelect).toHaveValue('H005');
  await expect(page.getByLabel('Key size')).toHaveValue('2048');
  await expect(page.getByLabel('Signature version')).toHaveValue('A006');

  // Every field is checked as it is typed.
  const hostId = page.getByLabel('Host ID');
  await hostId.fill('KONTOR DEMO');
  await expect(page.getByText('Use 1 to 35 letters or digits, as printed in your user letter.')).toBeVisible();
  await expect(hostId).toHaveAttribute('aria-invalid', 'true');
  await hostId.fill('KONTORDEMO');
  await expect(hostId).not.toHaveAttribute('aria-invalid', 'true');

  await versionSelect.selectOption(version);
  await page.getByLabel('User ID').press('Enter');

  // b. Keys, INI and HIA. The address names the access now, so the setup can be resumed.
  await expect(page.getByRole('heading', { name: 'Create your keys and send them to the bank' })).toBeFocused();
  await expect(page).toHaveURL(/#\/banks\/\d+\/setup$/);
  await expect(page.getByTestId('init-tasks')).toContainText('Create the keys');
  await page.getByRole('button', { name: 'Create keys and send INI and HIA' }).click();

  // c. The letter step; the user closes Kontor here ...
  await expect(page.getByRole('heading', { name: 'Print the letter, sign it and send it to your bank' })).toBeVisible({ timeout: 2 * SLOW });
  await host().restart();

  // ... and opens it again: the access waits for the bank, and the wizard continues at the letter.
  await openBanks(page, host());
  const row = page.getByTestId('bank-access-table').getByRole('row', { name: /Kontor Demo Bank/ });
  await expect(row).toContainText('Waiting for the bank');
  await expect(row).toContainText(version === 'H004' ? '2.5' : '3.0');
  await expect(row).toContainText('demo');
  await row.getByRole('link', { name: 'Kontor Demo Bank' }).click();
  await expect(page.getByRole('heading', { name: 'Print the letter, sign it and send it to your bank' })).toBeFocused();
  await expect(page.getByRole('region', { name: 'Steps of the setup' })).toContainText('Step 3 of 6');

  await page.getByLabel('Language of the letter').selectOption({ label: letterLanguage });
  await page.getByLabel('Place').fill('München');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download letter (PDF)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  const pdf = readFileSync((await download.path())!);
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  await expect(page.getByRole('status').filter({ hasText: 'Downloaded' })).toContainText(download.suggestedFilename(), { timeout: SLOW });
  await page.getByRole('button', { name: 'The letter is on its way: continue' }).click();

  // d. Waiting for the bank: not activated yet, until the user plays the clerk.
  await expect(page.getByRole('heading', { name: 'Wait for the bank to activate your access' })).toBeFocused();
  await page.getByRole('button', { name: 'Fetch the bank’s keys' }).click();
  await expect(page.getByText('The bank has not activated your access yet. Try again later.')).toBeVisible();
  await page.getByRole('button', { name: 'Play the bank clerk: activate' }).click();
  const letterBox = page.getByTestId('bank-confirmation-letter');
  await expect(letterBox).toContainText('Bank keys of KONTORDEMO');
  const letter = (await letterBox.textContent()) ?? '';
  const authentication = hashFromLetter(letter, 'Authentication key X002', version);
  const encryption = hashFromLetter(letter, 'Encryption key E002', version);
  await page.getByRole('button', { name: 'Fetch the bank’s keys' }).click();

  // e. The hashes from the confirmation letter: a typing error keeps the door shut and is shown where it is.
  await expect(page.getByRole('heading', { name: 'Check the bank’s keys' })).toBeFocused();
  await expect(page.getByTestId('bank-confirmation-letter')).toHaveText(letter);
  const confirm = page.getByRole('button', { name: 'Confirm: the keys match' });
  const authField = page.getByLabel('Authentication key hash from the bank’s letter');
  const encField = page.getByLabel('Encryption key hash from the bank’s letter');
  await authField.fill(mistyped(authentication));
  await encField.fill(encryption);
  await expect(page.getByTestId('hash-summary-encryption')).toHaveText(/Matches: all 64 characters are the same\./);
  await expect(page.getByTestId('hash-summary-authentication')).toHaveText(/characters? differs?\./);
  await expect(authField).toHaveAttribute('aria-invalid', 'true');
  const wrongPairs = page.getByTestId('hash-typed-authentication').locator('[aria-invalid="true"]');
  await expect(wrongPairs).toHaveCount(1);
  await expect(wrongPairs).toHaveClass(/hash-pair-wrong/);
  await expect(confirm).toBeDisabled();
  // For the eye (the content scrolls inside the window): the whole step with the mismatch marked.
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: 1280, height: 1500 });
  await page.screenshot({ path: test.info().outputPath('key-validation-mismatch.png') });
  if (viewport) await page.setViewportSize(viewport);

  // The service refuses a mismatch on its own, too (for scripts that skip the screen), and nothing changes.
  const id = Number(/#\/banks\/(\d+)\/setup/.exec(page.url())?.[1]);
  const refused = await host().invoke('bankAccess.acceptBankKeys', { id, authenticationHash: mistyped(authentication), encryptionHash: encryption });
  expect(refused).toMatchObject({ ok: false, error: { code: 'bankAccess.hashMismatch' } });
  expect(await host().invoke('bankAccess.get', { id })).toMatchObject({ ok: true, value: { state: 'bank_keys_fetched' } });

  // Typed without spaces and in lower case, it matches.
  await authField.fill(authentication.replace(/ /g, '').toLowerCase());
  await expect(page.getByTestId('hash-summary-authentication')).toHaveText(/Matches/);
  await expect(page.getByTestId('hash-typed-authentication').locator('[aria-invalid="true"]')).toHaveCount(0);
  await expect(confirm).toBeEnabled();
  await confirm.click();

  // f. Ready: the access shows its keys with their dates, and the bank's keys as trusted.
  await expect(page.getByRole('heading', { name: 'Your bank access is ready' })).toBeFocused();
  await page.getByRole('link', { name: 'Open the bank access' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Kontor Demo Bank');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Ready');
  await expect(page.getByTestId('access-facts')).toContainText('Demo bank on this computer — not encrypted');
  await expect(page.getByTestId('access-facts')).toContainText(version === 'H004' ? 'EBICS 2.5 (H004)' : 'EBICS 3.0 (H005)');
  const keys = page.getByTestId('access-keys');
  const today = host().clock.today();
  for (const name of ['Signature key A006', 'Authentication key X002', 'Encryption key E002']) {
    const keyRow = keys.getByRole('row', { name: new RegExp(name) });
    await expect(keyRow).toContainText(today);
    await expect(keyRow).toContainText(/36[45] days left/);
  }
  const bankKeys = page.getByTestId('bank-keys');
  await expect(bankKeys).toContainText(authentication);
  await expect(bankKeys).toContainText(encryption);
  await expect(bankKeys).toContainText(`Trusted since${today}`);

  // Back on the list, the access is ready and opens its own screen.
  await page.getByRole('link', { name: '← Banks' }).click();
  const ready = page.getByTestId('bank-access-table').getByRole('row', { name: /Kontor Demo Bank/ });
  await expect(ready).toContainText('Ready');
  await expect(ready).toContainText(/36[45] days left/);
  await expect(page.getByText('The demo bank is set up as a bank access:')).toBeVisible();
}

test.describe('EBICS 2.5', () => {
  const host = useKontorHost();
  test('a new user sets up the demo bank with EBICS 2.5, closing Kontor while the letter is in the post', async ({ page }) => {
    await setUpDemoBank(page, host, 'H004', 'English');
  });
});

test.describe('EBICS 3.0', () => {
  test.describe.configure({ mode: 'serial' });
  // The demo bank offers further subscribers through its CLI only: a fresh data folder gives a fresh demo bank.
  const host = useKontorHost();
  test('a new user sets up the demo bank with EBICS 3.0, closing Kontor while the letter is in the post', async ({ page }) => {
    await setUpDemoBank(page, host, 'H005', 'German');
  });

  test('the ready access exports its keys, refuses a wrong password on import, and is suspended only after a clear question, each confirmed with the code from the terminal', async ({
    page,
  }) => {
    await openBanks(page, host());
    await page.getByTestId('bank-access-table').getByRole('link', { name: 'Kontor Demo Bank' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Ready');

    // Export: the password is checked as typed, then the encrypted file is offered as a download.
    await page.getByRole('button', { name: 'Export keys' }).click();
    let dialog = page.getByRole('dialog', { name: 'Export the keys' });
    await dialog.getByLabel('Password', { exact: true }).fill('short');
    await expect(dialog.getByText('At least 10 characters, please.')).toBeVisible();
    await dialog.getByLabel('Password', { exact: true }).fill('correct horse battery staple');
    await expect(dialog.getByText('Strength: strong.')).toBeVisible();
    await dialog.getByLabel('Repeat the password').fill('correct horse battery stapel');
    await expect(dialog.getByText('The two passwords are not the same.')).toBeVisible();
    await dialog.getByLabel('Repeat the password').fill('correct horse battery staple');
    let printed = host().output.length;
    await dialog.getByLabel('Repeat the password').press('Enter');
    // The session alone is not enough: Kontor prints a one-time code on its terminal, which the person types here.
    const codeField = dialog.getByLabel('Confirmation code from the terminal');
    await expect(codeField).toBeFocused({ timeout: SLOW });
    let code = await codeFromTerminal(host(), printed);
    expect(host().output.slice(printed)).toContain('Export the private keys of “Kontor Demo Bank” (partner KONTOR01, user USER01)');
    await codeField.fill(mistypedCode(code));
    await codeField.press('Enter');
    await expect(dialog.getByText('This is not the code Kontor printed.')).toBeVisible({ timeout: SLOW });
    await expect(codeField).toHaveAttribute('aria-invalid', 'true');
    await codeField.fill(code);
    const exporting = page.waitForEvent('download');
    await codeField.press('Enter');
    const exported = await exporting;
    expect(exported.suggestedFilename()).toBe('KONTOR01-USER01.kontor-keys');
    const keyFile = test.info().outputPath('keys.kontor-keys');
    await exported.saveAs(keyFile);
    await expect(dialog).toBeHidden({ timeout: SLOW });
    await expect(page.getByText('The keys were exported as KONTOR01-USER01.kontor-keys.')).toBeVisible();

    // Import with the wrong password: refused on the password field before any code is asked for, nothing replaced.
    await page.getByRole('button', { name: 'Import keys' }).click();
    dialog = page.getByRole('dialog', { name: 'Import keys' });
    await dialog.getByLabel('Key file', { exact: true }).setInputFiles(keyFile);
    await dialog.getByLabel('Password of the key file').fill('not the password');
    await dialog.getByRole('button', { name: 'Import' }).click();
    await expect(dialog.getByText('The password is wrong or the file was changed.')).toBeVisible({ timeout: SLOW });
    await expect(dialog.getByLabel('Password of the key file')).toHaveAttribute('aria-invalid', 'true');
    await expect(dialog.getByLabel('Confirmation code from the terminal')).toHaveCount(0);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();

    // Suspend: the question says what it means; Esc leaves everything as it was.
    await page.getByRole('button', { name: 'Suspend access' }).click();
    dialog = page.getByRole('dialog', { name: 'Suspend this bank access?' });
    await expect(dialog).toContainText('until it is initialised again with new keys and a new signed letter');
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Ready');
    await page.getByRole('button', { name: 'Suspend access' }).click();
    printed = host().output.length;
    await dialog.getByRole('button', { name: 'Suspend at the bank' }).click();
    await expect(dialog.getByLabel('Confirmation code from the terminal')).toBeFocused({ timeout: SLOW });
    code = await codeFromTerminal(host(), printed);
    await dialog.getByLabel('Confirmation code from the terminal').fill(code);
    await dialog.getByRole('button', { name: 'Suspend at the bank' }).click();
    // If the bank refused, the dialog stays open with the reason: put it into the failure.
    await expect(dialog)
      .toBeHidden({ timeout: SLOW })
      .catch(async (e: Error) => {
        throw new Error(`${e.message}\nThe dialog says: ${await dialog.innerText().catch(() => '?')}`);
      });
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Suspended');
    await expect(page.getByText('This access is suspended: the bank blocks this user.')).toBeVisible();

    // Initialise again: after one more question, the setup starts over with new keys.
    await page.getByRole('button', { name: 'Initialise again' }).click();
    dialog = page.getByRole('dialog', { name: 'Initialise this bank access again?' });
    printed = host().output.length;
    await dialog.getByRole('button', { name: 'Initialise again' }).click();
    code = await codeFromTerminal(host(), printed);
    await dialog.getByLabel('Confirmation code from the terminal').fill(code);
    await dialog.getByRole('button', { name: 'Initialise again' }).click();
    await expect(page.getByRole('heading', { name: 'Create your keys and send them to the bank' })).toBeFocused();
    await expect(page.getByTestId('init-tasks')).toContainText('to do');
  });
});
