import { useState } from 'react';
import type { Account, BusinessEntity, PaymentInstrument } from '../../../../shared/domain';
import { formatIban } from '../../../../shared/ids';
import { routeHref } from '../../app/routing';
import { call } from '../../api/client';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Section } from '../../components/Section';
import { Table, type Column } from '../../components/Table';
import { useI18n } from '../../i18n/I18nProvider';
import { problemFromError, type Problem } from '../../i18n/problems';
import { InstrumentForm, toInstrumentInput } from './InstrumentForm';

type Kind = PaymentInstrument['kind'];

interface Props {
  kind: Kind;
  account: Account;
  instruments: PaymentInstrument[];
  entities: BusinessEntity[];
  onChanged: () => void;
}

/** The account's SEPA mandates, or its bank details for payouts. */
export function InstrumentsSection({ kind, account, instruments, entities, onChanged }: Props) {
  const { t, date } = useI18n();
  const [editing, setEditing] = useState<PaymentInstrument | 'new' | null>(null);
  const [failed, setFailed] = useState<Problem>();
  const [busy, setBusy] = useState<number>();
  const mandates = kind === 'sepa_mandate';
  const rows = instruments.filter((i) => i.kind === kind);
  const entityName = (id: number) => entities.find((e) => e.id === id)?.name ?? `#${id}`;
  const ibanAndBic = (i: PaymentInstrument) => (
    <span className="mono nowrap">
      {formatIban(i.iban)}
      {i.bic && <span className="muted"> · {i.bic}</span>}
    </span>
  );
  const name = (i: PaymentInstrument) => (mandates ? (i.mandateId ?? '') : formatIban(i.iban));

  const toggle = (i: PaymentInstrument) => {
    setFailed(undefined);
    setBusy(i.id);
    call('instruments.update', { id: i.id, version: i.version, values: { ...toInstrumentInput(i), active: !i.active } })
      .then(onChanged, (e: unknown) => setFailed(problemFromError(e)))
      .finally(() => setBusy(undefined));
  };

  const actions: Column<PaymentInstrument> = {
    key: 'actions',
    header: t('common.actions'),
    align: 'right',
    cell: (i) => (
      <div className="row-actions">
        <button type="button" className="small" onClick={() => setEditing(i)} aria-label={t('instrument.editNamed', { name: name(i) })}>
          {t('action.edit')}
        </button>
        <button
          type="button"
          className="small"
          disabled={busy === i.id}
          onClick={() => toggle(i)}
          aria-label={t(i.active ? 'instrument.deactivateNamed' : 'instrument.activateNamed', { name: name(i) })}
        >
          {t(i.active ? 'instrument.deactivate' : 'instrument.activate')}
        </button>
      </div>
    ),
  };
  const status: Column<PaymentInstrument> = {
    key: 'active',
    header: t('common.status'),
    cell: (i) => <span className={i.active ? 'badge badge-ok' : 'badge'}>{t(i.active ? 'instrument.active' : 'instrument.inactive')}</span>,
  };
  const columns: Column<PaymentInstrument>[] = mandates
    ? [
        { key: 'mandateId', header: t('instrument.mandateId'), cell: (i) => i.mandateId, className: 'mono' },
        { key: 'signed', header: t('instrument.signedOnShort'), cell: (i) => date(i.mandateSignedOn), className: 'nowrap' },
        {
          key: 'scheme',
          header: t('instrument.scheme'),
          cell: (i) => `${i.scheme ?? ''} · ${t(i.mandateType === 'one_off' ? 'instrument.oneOff' : 'instrument.recurring')}`,
          className: 'nowrap',
        },
        { key: 'holder', header: t('instrument.holder'), cell: (i) => i.holderName },
        { key: 'iban', header: `${t('field.iban')} / ${t('field.bic')}`, cell: ibanAndBic },
        // With one company there is nothing to tell apart.
        ...(entities.length > 1 ? [{ key: 'creditor', header: t('instrument.creditor'), cell: (i: PaymentInstrument) => entityName(i.entityId) }] : []),
        { key: 'used', header: t('instrument.lastUsed'), cell: (i) => date(i.lastUsedOn) || t('instrument.notUsed'), className: 'nowrap' },
        status,
        actions,
      ]
    : [
        { key: 'holder', header: t('instrument.holder'), cell: (i) => i.holderName },
        { key: 'iban', header: `${t('field.iban')} / ${t('field.bic')}`, cell: ibanAndBic },
        ...(entities.length > 1 ? [{ key: 'entity', header: t('field.entity'), cell: (i: PaymentInstrument) => entityName(i.entityId) }] : []),
        status,
        actions,
      ];

  const noEntity = entities.length === 0;
  const add = (
    <button type="button" className="primary" disabled={noEntity} onClick={() => setEditing('new')}>
      {t(mandates ? 'instrument.newMandate' : 'instrument.newBankDetails')}
    </button>
  );

  return (
    <Section title={t(mandates ? 'instrument.mandatesTitle' : 'instrument.bankDetailsTitle')} actions={rows.length ? add : undefined}>
      <ErrorBanner problems={[failed]} />
      {rows.length === 0 ? (
        noEntity ? (
          <EmptyState
            title={t(mandates ? 'instrument.noMandates' : 'instrument.noBankDetails')}
            action={<a href={routeHref({ screen: 'settings' })}>{t('banks.goToSettings')}</a>}
          >
            <p>{t('instrument.needsEntity')}</p>
          </EmptyState>
        ) : (
          <EmptyState title={t(mandates ? 'instrument.noMandates' : 'instrument.noBankDetails')} action={add}>
            <p>{t(mandates ? 'instrument.noMandatesText' : 'instrument.noBankDetailsText')}</p>
          </EmptyState>
        )
      ) : (
        <Table
          caption={t(mandates ? 'instrument.mandatesTitle' : 'instrument.bankDetailsTitle')}
          columns={columns}
          rows={rows}
          rowKey={(i) => i.id}
          rowClassName={(i) => (i.active ? undefined : 'row-inactive')}
          testId={mandates ? 'mandates-table' : 'bank-details-table'}
        />
      )}
      {editing && (
        <InstrumentForm
          kind={kind}
          account={account}
          instrument={editing === 'new' ? undefined : editing}
          entities={entities}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            onChanged();
          }}
        />
      )}
    </Section>
  );
}
