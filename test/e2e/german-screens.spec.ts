/**
 * Every screen in German has no English word: the window is walked in
 * German, first without any data, then with demo data set up through the API
 * (company, customers and suppliers, entries, the demo bank access, a payment
 * order, statements, a reconciliation run), and every text a user can see is
 * checked against the English dictionary. A word fails when it occurs in an
 * English text and in no German one (names and formats such as EBICS, IBAN,
 * SEPA, camt or MT940 are listed below; they are the same in both).
 */
import { expect, test, type Page } from '@playwright/test';
import { addTarget2Days } from '../../shared/dates';
import { de } from '../../renderer/src/i18n/de';
import { en } from '../../renderer/src/i18n/en';
import { useKontorHost } from './kontor-host';
import { demoBankAccess, seed } from './seed';

const host = useKontorHost();

/** Proper nouns, format and standard names: not words of either language. */
const SAME_IN_BOTH = [
  'Kontor',
  'EBICS',
  'IBAN',
  'BIC',
  'SEPA',
  'camt',
  'MT940',
  'MT942',
  'pain',
  'VEU',
  'INI',
  'HIA',
  'HPB',
  'HEV',
  'HAC',
  'CSV',
  'PDF',
  'XML',
  'ZIP',
  'UTF',
  'SWIFT',
  'ISO',
  'CORE',
  'B2B',
  'URL',
  'EUR',
  'KONTORDEMO',
  'Windows',
  'Demo', // the demo bank's customer, "Kontor Demo GmbH"
  'English', // the language switch names each language in its own words
];

/** Words that occur in an English text and in no German one. */
function englishOnlyWords(): Set<string> {
  const words = (texts: Iterable<string>) =>
    new Set(
      [...texts]
        .map((t) => t.replace(/\{\w+\}/g, ' '))
        .flatMap((t) => t.match(/[A-Za-zÄÖÜäöüß]{3,}/g) ?? [])
        .map((w) => w.toLowerCase()),
    );
  const german = words(Object.values(de));
  const allowed = new Set(SAME_IN_BOTH.map((w) => w.toLowerCase()));
  return new Set([...words(Object.values(en))].filter((w) => !german.has(w) && !allowed.has(w)));
}

const ENGLISH_ONLY = englishOnlyWords();

/** What a user sees: the visible text, and the placeholders, titles and labels that are read out or shown on hover. */
async function visibleTexts(page: Page): Promise<string> {
  return page.evaluate(() => {
    const attributes = [...document.querySelectorAll<HTMLElement>('[placeholder], [title], [aria-label]')]
      .filter((el) => el.offsetParent !== null || el === document.body)
      .flatMap((el) => ['placeholder', 'title', 'aria-label'].map((a) => el.getAttribute(a) ?? ''));
    return [document.body.innerText, document.title, ...attributes].join('\n');
  });
}

/** Fails with each English word and the line it stands in. */
async function expectGerman(page: Page, where: string, ownWords: readonly string[] = []): Promise<void> {
  const own = new Set(ownWords.flatMap((w) => w.toLowerCase().match(/[a-zäöüß]{3,}/g) ?? []));
  const text = await visibleTexts(page);
  const found = text.split('\n').flatMap((line) =>
    // Paths, addresses and file names are data, not words.
    (line.replace(/\S*[/\\]\S*|\S+\.(?:sqlite|csv|xml|pdf|zip)\b/g, ' ').match(/[A-Za-zÄÖÜäöüß]{3,}/g) ?? [])
      // All capitals: an identifier or code (USER01, KONTOR01, DT05), not a word.
      .filter((w) => w !== w.toUpperCase() && ENGLISH_ONLY.has(w.toLowerCase()) && !own.has(w.toLowerCase()))
      .map((w) => `${w}  ←  ${line.trim().slice(0, 160)}`),
  );
  expect(found, `English words on ${where}`).toEqual([]);
  // Dates in German notation only: an ISO date beside German ones is the mix users saw.
  const isoDates = text.split('\n').filter((line) => /(?<![\d-])\d{4}-\d{2}-\d{2}(?![\d-])/.test(line.replace(/\S*[/\\]\S*/g, ' ')));
  expect(isoDates, `ISO dates on ${where}`).toEqual([]);
}

async function visit(page: Page, hash: string, heading: string | RegExp): Promise<void> {
  await page.goto(`${host().origin}/${hash}`);
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /Laden|Loading/ })).toHaveCount(0);
  // Let the screen's API calls settle, so the check sees the filled screen, not its skeleton.
  await page.waitForLoadState('networkidle');
}

/** Opens a dialog with the button named by its German words, checks it, closes it with Esc. */
async function checkDialog(page: Page, button: string, where: string, own: readonly string[]): Promise<void> {
  const open = page.getByRole('button', { name: button, exact: true }).first();
  await expect(open).toBeVisible();
  // Disabled until what it needs exists (importing needs a company): the screen's hint was checked already.
  if (!(await open.isEnabled())) return;
  await open.click({ timeout: 15_000 });
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectGerman(page, `${where}, dialog “${button}”`, own);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
}

/** The screens and dialogs a user reaches from the navigation, and the pages below them. */
async function walk(page: Page, extra: { accessId?: number; accountId?: number; orderId?: number }, own: readonly string[]): Promise<void> {
  await visit(page, '#/entries', de['nav.entries']);
  await expectGerman(page, 'Posten', own);
  await checkDialog(page, de['import.open'], 'Posten', own);

  await visit(page, '#/accounts', de['nav.accounts']);
  await expectGerman(page, 'Kunden & Lieferanten', own);
  await checkDialog(page, de['account.new'], 'Kunden & Lieferanten', own);
  if (extra.accountId) {
    await visit(page, `#/accounts/${extra.accountId}`, /.+/);
    await expectGerman(page, 'ein Kunde', own);
  }

  await visit(page, '#/banks', de['nav.banks']);
  await expectGerman(page, 'Banken', own);
  await visit(page, '#/banks/demo', de['nav.banks']);
  await expectGerman(page, 'Banken, Demobank', own);
  await visit(page, '#/banks/setup', /.+/);
  await expectGerman(page, 'Einrichtung eines Bankzugangs', own);
  if (extra.accessId) {
    await visit(page, `#/banks/${extra.accessId}`, /.+/);
    await expectGerman(page, 'ein Bankzugang', own);
  }

  await visit(page, '#/orders', de['nav.orders']);
  await expectGerman(page, 'Aufträge', own);
  if (extra.orderId) {
    await visit(page, `#/orders/${extra.orderId}`, /.+/);
    await expectGerman(page, 'ein Auftrag', own);
  }

  await visit(page, '#/statements', de['nav.statements']);
  await expectGerman(page, 'Kontoauszüge', own);
  await visit(page, '#/reconciliation', de['nav.reconciliation']);
  await expectGerman(page, 'Abgleich', own);
  await visit(page, '#/settings', de['nav.settings']);
  await expectGerman(page, 'Einstellungen', own);
  await checkDialog(page, de['entity.new'], 'Einstellungen', own);
}

test('the English-only word list is built from the dictionaries and catches an English state word', () => {
  expect(ENGLISH_ONLY.size).toBeGreaterThan(500);
  for (const w of ['released', 'awaiting', 'signature', 'payables', 'settings']) expect(ENGLISH_ONLY.has(w), w).toBe(true);
  for (const w of ['iban', 'ebics', 'status', 'bank']) expect(ENGLISH_ONLY.has(w), w).toBe(false);
});

test('every screen in German shows no English word, with and without data', async ({ page }) => {
  test.setTimeout(300_000);
  await seed(host(), 'settings.update', { locale: 'de' });
  await page.goto(host().url);
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');

  // An empty ledger: the screens say what to do first.
  await walk(page, {}, []);

  // The demo bank, a company with its account at it, a supplier and a customer, a payable and a receivable.
  const { accessId, ownIban } = await demoBankAccess(host());
  const entity = await seed(host(), 'entities.create', { name: 'Öko Handels GmbH', creditorId: 'DE98ZZZ09999999999' });
  const account = await seed(host(), 'bankAccounts.create', { entityId: entity.id, bankAccessId: accessId, name: 'Geschäftskonto', iban: ownIban });
  await seed(host(), 'entities.update', {
    id: entity.id,
    values: { name: 'Öko Handels GmbH', creditorId: 'DE98ZZZ09999999999', preferredBankAccountId: account.id },
  });
  const supplier = await seed(host(), 'accounts.create', { kind: 'supplier', number: 'L-1', name: 'Ärztebedarf Zander KG' });
  await seed(host(), 'instruments.create', {
    accountId: supplier.id,
    entityId: entity.id,
    kind: 'bank_details',
    holderName: 'Ärztebedarf Zander KG',
    iban: 'DE89370400440532013000',
    direction: 'out',
  });
  const customer = await seed(host(), 'accounts.create', { kind: 'customer', number: 'K-1', name: 'Bäckerei Müller' });
  const today = host().clock.today();
  for (const [accountId, type, number, amountCents] of [
    [supplier.id, 'Credit', 'ER-1', 125_000],
    [customer.id, 'Debit', 'RE-1', 48_990],
  ] as const) {
    await seed(host(), 'entries.create', {
      entityId: entity.id,
      accountId,
      type,
      number,
      statementDate: today,
      dueDate: addTarget2Days(today, 3),
      amountCents,
      requestedMethod: 'sepa',
      paymentReference: `Rechnung ${number}`,
    });
  }
  const built = await seed<{ orders: { id: number }[] }>(host(), 'orders.build', {});
  const orderId = built.orders[0]?.id;
  if (orderId !== undefined) {
    // Sent to the demo bank, where it waits for its signer: the order page then points there. Not asserted:
    // who may approve is another part's rule, and the walk checks the words whatever the state.
    await host().invoke('orders.approve', { id: orderId });
    await host().invoke('orders.upload', { id: orderId });
  }
  await seed(host(), 'statements.fetch', { bankAccessId: accessId });
  await seed(host(), 'reconcile.run', {});

  const own = ['Öko Handels GmbH', 'Geschäftskonto', 'Ärztebedarf Zander KG', 'Bäckerei Müller', 'Rechnung'];
  await walk(page, { accessId, accountId: supplier.id, orderId }, own);
});
