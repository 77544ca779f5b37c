import { useId, useState } from 'react';
import { differenceOfProposal, type Proposal } from '../../../../shared/reconcile';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useI18n } from '../../i18n/I18nProvider';
import type { Problem } from '../../i18n/problems';
import { ibanText } from '../statements/labels';
import { confidenceText, lineLabel, settles } from './labels';
import { reasonText } from './reasons';

/** Remittance longer than this is cut to two lines until the user asks for all of it. */
const LONG_TEXT = 110;

interface Props {
  proposal: Proposal;
  busy: boolean;
  problem: Problem | undefined;
  onAccept: () => void;
  onReject: () => void;
  onChangeTarget: () => void;
  /** Accept and book what the match leaves as a fee or difference. */
  onAcceptDifference: () => void;
}

/**
 * One proposed match: the bank line, why Kontor proposes it, what the
 * reviewer should know, the entries it settles with their amounts, what
 * stays on the line, how sure Kontor is, and the three decisions.
 */
export function ProposalCard({ proposal: p, busy, problem, onAccept, onReject, onChangeTarget, onAcceptDifference }: Props) {
  const tr = useI18n();
  const { t, amount, date } = tr;
  const headingId = useId();
  const textId = useId();
  const [expanded, setExpanded] = useState(false);
  const line = p.line;
  const label = lineLabel(tr, line);
  const text = [line.remittance, line.bookingText].filter(Boolean).join(' · ');
  const long = text.length > LONG_TEXT;
  const notes = p.notes.filter((n) => n.code !== 'note.rest');

  return (
    <article className={p.sure ? 'proposal proposal-sure' : 'proposal'} aria-labelledby={headingId} data-testid="proposal" data-proposal-id={p.id}>
      <header className="proposal-head">
        <h3 id={headingId} className="proposal-line">
          <span className="nowrap">{date(line.bookingDate)}</span>
          <span className={line.amountCents < 0 ? 'amount negative nowrap' : 'amount nowrap'}>{amount(line.amountCents, line.currency)}</span>
          <span className="proposal-counterparty">
            {line.counterpartyName ?? (line.counterpartyIban ? ibanText(line.counterpartyIban) : t('reconcile.noCounterparty'))}
          </span>
        </h3>
        <div className="proposal-badges">
          {p.sure ? <span className="badge badge-ok">{t('reconcile.sure')}</span> : <span className="badge badge-warn">{t('reconcile.review')}</span>}
          <span className="proposal-confidence" title={t('reconcile.confidenceHint')}>
            <meter
              min={0}
              max={1}
              low={0.6}
              high={0.9}
              optimum={1}
              value={p.confidence}
              aria-label={t('reconcile.confidence')}
              aria-valuetext={confidenceText(p.confidence)}
            />
            <span className="muted">{t('reconcile.confidenceValue', { value: confidenceText(p.confidence) })}</span>
          </span>
        </div>
      </header>
      {line.counterpartyName && line.counterpartyIban && <p className="muted mono proposal-iban">{ibanText(line.counterpartyIban)}</p>}
      {text && (
        <div className="proposal-text">
          <p
            id={textId}
            className={long && !expanded ? 'proposal-remittance proposal-clamp' : 'proposal-remittance'}
            title={long && !expanded ? text : undefined}
          >
            {text}
          </p>
          {long && (
            <button type="button" className="link" aria-expanded={expanded} aria-controls={textId} onClick={() => setExpanded(!expanded)}>
              {expanded ? t('reconcile.showLess') : t('reconcile.showAll')}
            </button>
          )}
        </div>
      )}
      <p className="proposal-reason" data-testid="proposal-reason">
        <span className="proposal-label">{t('reconcile.reason')}</span> {reasonText(tr, p.reason, line.currency)}
      </p>
      {notes.length > 0 && (
        <ul className="proposal-notes" aria-label={t('reconcile.notes')}>
          {notes.map((n, i) => (
            <li key={i} className="warn-text">
              <span aria-hidden="true">⚠ </span>
              {reasonText(tr, n, line.currency)}
            </li>
          ))}
        </ul>
      )}
      <table className="proposal-allocations">
        <caption className="sr-only">{t('reconcile.targets')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('entry.number')}</th>
            <th scope="col">{t('entry.account')}</th>
            <th scope="col">{t('entry.dueDate')}</th>
            <th scope="col" className="align-right">
              {t('entry.openAmount')}
            </th>
            <th scope="col" className="align-right">
              {t('reconcile.allocated')}
            </th>
          </tr>
        </thead>
        <tbody>
          {p.allocations.map((a) => (
            <tr key={a.entryId}>
              <td className="nowrap">
                <strong>{a.number}</strong>
              </td>
              <td>{a.accountName}</td>
              <td className="nowrap">{date(a.dueDate)}</td>
              <td className="align-right nowrap amount">{amount(a.openAmountCents, a.currency)}</td>
              <td className="align-right nowrap">
                <span className="muted">{t(settles(a, a.amountCents) ? 'reconcile.settles' : 'reconcile.reopens')} </span>
                <span className="amount">{amount(Math.abs(a.amountCents), a.currency)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {p.allocations.length === 0 && <p className="muted">{t('reconcile.noTargets')}</p>}
      {p.restCents !== 0 && (
        <p className="proposal-rest" data-testid="proposal-rest">
          {t('reconcile.rest', { amount: amount(Math.abs(p.restCents), line.currency) })}
        </p>
      )}
      <ErrorBanner problems={[problem]} />
      <div className="proposal-actions">
        <button
          type="button"
          className="primary"
          onClick={onAccept}
          disabled={busy || p.allocations.length === 0}
          aria-label={t('reconcile.acceptFor', { line: label })}
        >
          {t('reconcile.accept')}
        </button>
        {differenceOfProposal(p) > 0 && (
          <button type="button" onClick={onAcceptDifference} disabled={busy} aria-label={t('settle.diffAcceptFor', { line: label })}>
            {t('settle.diffAccept')}
          </button>
        )}
        <button type="button" onClick={onChangeTarget} disabled={busy} aria-label={t('reconcile.changeFor', { line: label })}>
          {t('reconcile.change')}
        </button>
        <button type="button" onClick={onReject} disabled={busy} aria-label={t('reconcile.rejectFor', { line: label })}>
          {t('reconcile.reject')}
        </button>
        {busy && <span className="muted">{t('action.working')}</span>}
      </div>
    </article>
  );
}
