/**
 * The accounts the bank says this subscriber may use (HTD's `AccountInfo`),
 * offered when an own account is created: no IBAN typed by hand where the
 * bank can name it.
 */
import type { Element } from '@xmldom/xmldom';
import type { OfferedAccount } from '../../../shared/bank-access-settings';
import { KontorError } from '../../../shared/errors';
import { parseXml } from '../../ebics/crypto/xml';
import type { ServiceContext } from '../context';
import { withBankClient } from './lifecycle';

const byName = (parent: Element, name: string): Element[] => Array.from(parent.getElementsByTagNameNS('*', name) as unknown as ArrayLike<Element>);
const textOf = (e: Element | undefined): string | null => e?.textContent?.trim() || null;

/** The international account numbers (IBAN, BIC) of every `AccountInfo` in HTD or HKD order data. */
export function parseOfferedAccounts(xml: string): OfferedAccount[] {
  const root = parseXml(xml).documentElement as unknown as Element | null;
  if (!root || (root.localName !== 'HTDResponseOrderData' && root.localName !== 'HKDResponseOrderData')) {
    throw new KontorError('ebics.responseMalformed', 'The bank sent something else than its customer and subscriber data (HTD/HKD).');
  }
  const international = (info: Element, name: string) =>
    textOf(byName(info, name).find((e) => e.getAttribute('international') === 'true') ?? byName(info, name)[0]);
  return byName(root, 'AccountInfo')
    .map((info) => ({
      iban: international(info, 'AccountNumber') ?? '',
      bic: international(info, 'BankCode'),
      currency: info.getAttribute('Currency') || 'EUR',
      holder: textOf(byName(info, 'AccountHolder')[0]),
      description: info.getAttribute('Description') || null,
    }))
    .filter((a) => /^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$/.test(a.iban));
}

export async function offeredAccounts(ctx: ServiceContext, id: number): Promise<OfferedAccount[]> {
  const { data } = await withBankClient(ctx, id, (client) => client.download('user_data'));
  // No data (a bank without HTD for this subscriber): nothing to offer.
  return data ? parseOfferedAccounts(data.toString('utf8')) : [];
}
