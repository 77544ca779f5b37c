import { describe, expect, it } from 'vitest';
import type { ConfirmationRequest } from '../services/context';
import { CANCEL_BUTTON, CONFIRM_BUTTON, confirmationDialogOptions, outcomeOf } from './confirm-dialog';

const request = (call: ConfirmationRequest['call'], locale: 'de' | 'en' = 'en'): ConfirmationRequest => ({
  call,
  locale,
  access: { id: 3, name: 'Hausbank', hostId: 'HOSTID', partnerId: 'PARTNER1', userId: 'USER1' },
});

describe('the native confirmation dialog', () => {
  it('names the access and what follows, with Cancel as the default and the answer to Esc', () => {
    const o = confirmationDialogOptions(request('bankAccess.exportKeys'));
    expect(o).toMatchObject({ type: 'warning', defaultId: CANCEL_BUTTON, cancelId: CANCEL_BUTTON, noLink: true, buttons: ['Cancel', 'Export keys'] });
    expect(o.message).toBe('Export the private keys of “Hausbank” (partner PARTNER1, user USER1) into a file?');
    expect(o.detail).toMatch(/can sign payments/);
  });

  it('asks in German for a German user, for each of the four calls', () => {
    const labels = (['bankAccess.exportKeys', 'bankAccess.importKeys', 'bankAccess.suspend', 'bankAccess.reinitialise'] as const).map((call) => {
      const o = confirmationDialogOptions(request(call, 'de'));
      expect(o.message).toContain('PARTNER1');
      expect(o.buttons?.[CANCEL_BUTTON]).toBe('Abbrechen');
      return o.buttons?.[CONFIRM_BUTTON];
    });
    expect(labels).toEqual(['Schlüssel exportieren', 'Schlüssel importieren', 'Bei der Bank sperren', 'Neu initialisieren']);
  });

  it('counts only the action button as a confirmation', () => {
    expect(outcomeOf(CONFIRM_BUTTON)).toEqual({ result: 'confirmed' });
    expect(outcomeOf(CANCEL_BUTTON)).toEqual({ result: 'cancelled' });
    expect(outcomeOf(-1)).toEqual({ result: 'cancelled' });
  });
});
