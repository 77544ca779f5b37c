import { describe, expect, it } from 'vitest';
import { decide, QUIET_MS, SETTLE_MS, type UploadEvidence } from './recovery';

const T0 = '2026-11-23T08:00:00.000Z';
const at = (ms: number) => new Date(Date.parse(T0) + ms).toISOString();
const evidence = (e: Partial<UploadEvidence>): UploadEvidence => ({
  confirmed: null,
  resumable: null,
  lastSegmentUnknownSince: null,
  lastActivity: T0,
  transferIds: [1],
  ...e,
});
const offered = { overviewOffered: true };

describe('recovery rules', () => {
  it('trusts the journal when the bank answered the last segment OK', () => {
    expect(decide(evidence({ confirmed: { transferId: 1, ebicsOrderId: 'A001' }, lastSegmentUnknownSince: T0 }), at(0), offered)).toMatchObject({
      action: 'confirm',
      ebicsOrderId: 'A001',
    });
  });

  it('resumes the same transaction while this process holds it, also when the last segment may have arrived', () => {
    expect(decide(evidence({ resumable: 1, lastSegmentUnknownSince: T0 }), at(0), { overviewOffered: false })).toEqual({
      action: 'resume',
      rule: 'ebicsRecovery',
      transferId: 1,
    });
  });

  it('sends again when the last segment never left, once the journal has been quiet', () => {
    expect(decide(evidence({}), at(QUIET_MS - 1), offered)).toMatchObject({ action: 'wait', rule: 'quiet', notBefore: at(QUIET_MS) });
    expect(decide(evidence({}), at(QUIET_MS), offered)).toEqual({ action: 'resend', rule: 'lastSegmentNeverSent' });
    // Nothing in the journal at all (stopped before the first request): nothing can be at the bank.
    expect(decide(evidence({ lastActivity: null, transferIds: [] }), at(0), offered)).toEqual({ action: 'resend', rule: 'lastSegmentNeverSent' });
  });

  it('waits half an hour after a last segment of unknown outcome, and never decides without the VEU overview', () => {
    const e = evidence({ lastSegmentUnknownSince: T0 });
    expect(decide(e, at(QUIET_MS), offered)).toMatchObject({ action: 'wait', rule: 'settling', notBefore: at(SETTLE_MS) });
    expect(decide(e, at(SETTLE_MS), offered)).toEqual({ action: 'resend', rule: 'notListedAfterSettling' });
    expect(decide(e, at(10 * SETTLE_MS), { overviewOffered: false })).toEqual({ action: 'wait', rule: 'noOverview', notBefore: null });
  });
});
