import { useState } from 'react';
import type { VeuConfirmation, VeuOrder } from '../../../../shared/api/veu';
import { Section } from '../../components/Section';
import { useI18n } from '../../i18n/I18nProvider';

/** Who has signed the order at the bank, how many signatures it still needs, and the signer's own decision with its confirmation. */
export function VeuSigning({
  order,
  working,
  onDecide,
}: {
  order: VeuOrder;
  working: boolean;
  onDecide: (action: 'sign' | 'cancel', confirmation: VeuConfirmation) => void;
}) {
  const { t, amount } = useI18n();
  const [mode, setMode] = useState<'total' | 'pin'>('total');
  const [typed, setTyped] = useState('');
  const confirmation: VeuConfirmation = mode === 'pin' ? { kind: 'pin', pin: typed } : { kind: 'total', typed };
  const missing = Math.max(0, order.signatures.required - order.signatures.done);
  return (
    <Section title={t('veu.title')}>
      <p data-testid="veu-state">{t('veu.state', { done: order.signatures.done, required: order.signatures.required, missing })}</p>
      <ul data-testid="veu-signers">
        {order.signers.map((s) => (
          <li key={`${s.partnerId}/${s.userId}`}>
            {t('veu.signedBy', { user: s.name ?? s.userId, level: s.authorisationLevel, at: s.timestamp.slice(0, 16).replace('T', ' ') })}
          </li>
        ))}
        {order.signers.length === 0 && <li>{t('veu.nobodyYet')}</li>}
      </ul>
      {order.signatures.readyToBeSigned ? (
        <form
          className="form-inline"
          onSubmit={(e) => {
            e.preventDefault();
            onDecide('sign', confirmation);
          }}
        >
          <fieldset>
            <legend>{t('veu.confirmHow')}</legend>
            <label>
              <input type="radio" name="veu-mode" checked={mode === 'total'} onChange={() => setMode('total')} /> {t('veu.byTotal')}
            </label>
            <label>
              <input type="radio" name="veu-mode" checked={mode === 'pin'} onChange={() => setMode('pin')} /> {t('veu.byPin')}
            </label>
          </fieldset>
          <label>
            {mode === 'total'
              ? t('veu.typeTotal', { total: order.totalCents === null ? '' : amount(order.totalCents, order.currency ?? 'EUR') })
              : t('veu.typePin')}
            <input
              data-testid="veu-confirm"
              type={mode === 'pin' ? 'password' : 'text'}
              autoComplete="off"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
            />
          </label>
          <button type="submit" className="button-primary" disabled={working || typed.trim() === ''}>
            {t('veu.sign')}
          </button>
          <button type="button" className="button-danger" disabled={working || typed.trim() === ''} onClick={() => onDecide('cancel', confirmation)}>
            {t('veu.cancelOrder')}
          </button>
        </form>
      ) : (
        <p>{t('veu.notForYou')}</p>
      )}
    </Section>
  );
}
