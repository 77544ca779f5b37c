/**
 * The client records its journal through the EbicsJournal interface only:
 * any journal will do (here one in memory, no ledger), and each request is
 * recorded before it leaves the machine.
 */
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../shared/dates';
import { createEbicsClient } from './client';
import { generateKeyPair } from './crypto/keys';
import type { EbicsJournal, JournalledStep, JournalledTransfer } from './journal';
import type { Transport } from './transport';

function memoryJournal(id: string) {
  const calls: string[] = [];
  const transfers = new Map<number, JournalledTransfer & { state: string }>();
  const steps: Array<JournalledStep & { transferId: number }> = [];
  const journal: EbicsJournal = {
    id,
    openTransfer(t) {
      calls.push(`open ${t.direction} ${t.orderType}`);
      transfers.set(transfers.size + 1, {
        direction: t.direction,
        orderType: t.orderType,
        orderId: null,
        numSegments: t.numSegments ?? null,
        state: 'in_progress',
      });
      return transfers.size;
    },
    stepSending(transferId, s) {
      calls.push(`sending ${s.phase}`);
      steps.push({ transferId, phase: s.phase, segmentNumber: s.segmentNumber ?? null, state: 'sending' });
      return steps.length;
    },
    stepAnswered(stepId) {
      calls.push('answered');
      steps[stepId - 1]!.state = 'answered';
    },
    stepFailed(stepId, _error, transferState) {
      calls.push(`failed ${transferState}`);
      steps[stepId - 1]!.state = 'failed';
      transfers.get(steps[stepId - 1]!.transferId)!.state = transferState;
    },
    closeTransfer(transferId, state) {
      calls.push(`close ${state}`);
      transfers.get(transferId)!.state = state;
    },
    transfer: (transferId) => transfers.get(transferId),
    steps: (transferId) => steps.filter((s) => s.transferId === transferId),
  };
  return { journal, calls, transfers };
}

const own = () => ({ ...generateKeyPair(2048) });
const keys = { signature: { ...own(), version: 'A006' as const }, authentication: own(), encryption: own() };
const bank = { auth: generateKeyPair(2048), enc: generateKeyPair(2048) };
const bankKeys = {
  authentication: bank.auth.publicKey,
  encryption: bank.enc.publicKey,
  authenticationDigest: Buffer.alloc(32, 1),
  encryptionDigest: Buffer.alloc(32, 2),
};

describe('the EBICS client and its journal', () => {
  it('records a request in the journal it is given before sending it, and a request without answer as uncertain', async () => {
    const { journal, calls, transfers } = memoryJournal('memory-1');
    let journalWhenSent: string[] = [];
    const lostAnswer: Transport = {
      url: 'https://bank.example/ebicsweb',
      tlsVerified: true,
      post: async () => {
        journalWhenSent = [...calls];
        throw new Error('socket hang up');
      },
    };
    const client = createEbicsClient({
      version: 'H005',
      hostId: 'HOST',
      partnerId: 'PARTNER',
      userId: 'USER',
      transport: lostAnswer,
      keys,
      bankKeys,
      clock: fixedClock('2026-11-23T08:00:00Z'),
      journal,
    });

    await expect(client.download('statement_eod_camt')).rejects.toThrow('socket hang up');
    expect(journalWhenSent).toEqual(['open download BTD', 'sending initialisation']);
    expect(calls.at(-1)).toBe('failed uncertain');
    expect(transfers.get(1)?.state).toBe('uncertain');
  });
});
