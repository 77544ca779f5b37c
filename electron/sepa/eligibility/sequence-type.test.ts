import { describe, expect, it } from 'vitest';
import { sequenceTypeFor } from './index';

describe('sequenceTypeFor', () => {
  it('is FRST for a recurring mandate never used', () => {
    expect(sequenceTypeFor({ mandateType: 'recurring', firstUsedOn: null })).toBe('FRST');
  });

  it('is RCUR for a recurring mandate used before', () => {
    expect(sequenceTypeFor({ mandateType: 'recurring', firstUsedOn: '2026-01-05' })).toBe('RCUR');
  });

  it('is FNAL for the last collection, used before or not', () => {
    expect(sequenceTypeFor({ mandateType: 'recurring', firstUsedOn: '2026-01-05' }, { final: true })).toBe('FNAL');
    expect(sequenceTypeFor({ mandateType: 'recurring', firstUsedOn: null }, { final: true })).toBe('FNAL');
  });

  it('is OOFF for a one-off mandate, even when marked final', () => {
    expect(sequenceTypeFor({ mandateType: 'one_off', firstUsedOn: null })).toBe('OOFF');
    expect(sequenceTypeFor({ mandateType: 'one_off', firstUsedOn: null }, { final: true })).toBe('OOFF');
  });

  it('treats a mandate without type as recurring', () => {
    expect(sequenceTypeFor({ mandateType: null, firstUsedOn: null })).toBe('FRST');
    expect(sequenceTypeFor({ mandateType: null, firstUsedOn: '2026-01-05' })).toBe('RCUR');
  });
});
