/**
 * Demo mode: what the demo bank's clerk sees of the verification of payee
 * and the distributed signature — the register of account holders the
 * check compares names with, and the signers of each partner with their
 * signature class.
 */
import { KontorError } from '../../../shared/errors';
import type { DemoBankRegister } from '../../../shared/api/demo-bank';
import type { DemoBank } from '../../demo-bank/server';
import { listSubscribers } from '../../demo-bank/store/subscribers';

export function demoBankRegister(bank: DemoBank | null): DemoBankRegister {
  if (!bank) throw new KontorError('demoBank.notRunning', 'The demo bank is not running.');
  return {
    holders: bank.holders.list(),
    signers: listSubscribers(bank.store.db).map((s) => ({
      partnerId: s.partnerId,
      userId: s.userId,
      name: s.name,
      signatureClass: s.signatureClass,
      ready: s.state === 'ready',
    })),
  };
}

export function addDemoBankHolder(bank: DemoBank | null, iban: string, name: string): DemoBankRegister {
  if (!bank) throw new KontorError('demoBank.notRunning', 'The demo bank is not running.');
  bank.holders.add(iban, name);
  return demoBankRegister(bank);
}
