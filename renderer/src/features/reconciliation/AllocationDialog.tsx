import { useId, useMemo, useState } from 'react';
import { formatAmount } from '../../../../shared/money';
import type { Assignment, EntryRef, Proposal } from '../../../../shared/reconcile';
import type { StatementLine } from '../../../../shared/statements';
import { call } from '../../api/client';
import { useApi } from '../../api/useApi';
import { Drawer } from '../../components/Drawer';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { useDebounced } from '../../hooks/useDebounced';
import { useI18n } from '../../i18n/I18nProvider';
import { problemFromError, type Problem } from '../../i18n/problems';
import { ibanText } from '../statements/labels';
import { availableOf, checkAllocations, withDefaults, type EntryChoice } from './allocation';
import { CandidateTable } from './CandidateTable';
import { lineLabel } from './labels';

export type AllocationTarget = { kind: 'accept'; proposal: Proposal } | { kind: 'assign'; line: StatementLine };

interface Props {
  target: AllocationTarget;
  onClose: () => void;
  onDone: (assignment: Assignment) => void;
}

/**
 * Chooses the entries a bank line settles: for a proposal ("change the
 * target", from its alternatives or a search) or for a line without one
 * ("assign by hand"). Amounts default to each entry's open amount up to
 * what the line has left, oldest first; the sum may not exceed it.
 */
export function AllocationDialog({ target, onClose, onDone }: Props) {
  const tr = useI18n();
  const { t, amount, problem, locale } = tr;
  const searchId = useId();
  const line = target.kind === 'accept' ? target.proposal.line : target.line;
  const assignments = useApi('reconcile.assignments', { lineId: line.id }, target.kind === 'assign');
  const available =
    target.kind === 'accept' ? target.proposal.lineAvailableCents : assignments.data ? availableOf(line.amountCents, assignments.data) : undefined;

  const [search, setSearch] = useState('');
  const settled = useDebounced(search.trim(), 300);
  const found = useApi('reconcile.searchEntries', { text: settled, limit: 20 });
  // A proposal starts with its own targets chosen, at their amounts.
  const [picks, setPicks] = useState<EntryChoice[]>(() =>
    target.kind === 'accept'
      ? target.proposal.allocations.map(({ amountCents, ...entry }) => ({ entry, text: formatAmount(Math.abs(amountCents), locale), edited: false }))
      : [],
  );
  const [saving, setSaving] = useState(false);
  const [failed, setFailed] = useState<Problem>();
  const format = (cents: number) => formatAmount(cents, locale);

  /** The proposal's targets and alternatives first, then what the search found. */
  const candidates = useMemo(() => {
    const list: EntryRef[] = [];
    const seen = new Set<number>();
    const add = (e: EntryRef) => {
      if (seen.has(e.entryId)) return;
      seen.add(e.entryId);
      list.push(e);
    };
    if (target.kind === 'accept') {
      for (const { amountCents: _amount, ...e } of target.proposal.allocations) add(e);
      for (const e of target.proposal.alternatives) add(e);
    }
    for (const p of picks) add(p.entry);
    for (const e of found.data ?? []) add(e);
    return list;
  }, [target, picks, found.data]);

  const picked = new Map(picks.map((p) => [p.entry.entryId, p]));
  const check = available === undefined ? undefined : checkAllocations(picks, available, locale, format);
  const left = available === undefined || !check ? undefined : Math.abs(available) - check.sumCents;

  const toggle = (entry: EntryRef, on: boolean) => {
    if (available === undefined) return;
    const next = on ? [...picks, { entry, text: '', edited: false }] : picks.filter((p) => p.entry.entryId !== entry.entryId);
    setPicks(withDefaults(next, available, locale, format));
  };
  const type = (entryId: number, text: string) => setPicks(picks.map((p) => (p.entry.entryId === entryId ? { ...p, text, edited: true } : p)));
  const refill = () => {
    if (available !== undefined)
      setPicks(
        withDefaults(
          picks.map((p) => ({ ...p, edited: false })),
          available,
          locale,
          format,
        ),
      );
  };

  const submit = () => {
    if (!check?.allocations) return;
    setSaving(true);
    setFailed(undefined);
    const done =
      target.kind === 'accept'
        ? call('reconcile.accept', { id: target.proposal.id, allocations: check.allocations })
        : call('reconcile.assign', { lineId: line.id, allocations: check.allocations });
    done.then(
      (assignment) => {
        setSaving(false);
        onDone(assignment);
      },
      (e: unknown) => {
        setSaving(false);
        setFailed(problemFromError(e));
      },
    );
  };

  const title = target.kind === 'accept' ? t('reconcile.changeTitle') : t('reconcile.assignTitle');

  return (
    <Drawer title={title} onClose={onClose} wide>
      <div className="allocation-dialog" data-testid="allocation-dialog">
        <LineFacts line={line} available={available} />
        <ErrorBanner problems={[assignments.error && problemFromError(assignments.error)]} onRetry={assignments.reload} />
        {available === 0 && <p className="banner banner-info">{problem({ code: 'reconcile.lineExhausted' })}</p>}

        <div className="field allocation-search">
          <label htmlFor={searchId}>{t('reconcile.searchEntries')}</label>
          <input id={searchId} type="search" value={search} placeholder={t('reconcile.searchHint')} onChange={(e) => setSearch(e.target.value)} />
        </div>
        <ErrorBanner problems={[found.error && problemFromError(found.error)]} onRetry={found.reload} />

        {available === undefined ? (
          !assignments.error && <Loading />
        ) : candidates.length === 0 ? (
          <p className="muted">{found.loading ? t('common.loading') : t('reconcile.noEntriesFound')}</p>
        ) : (
          <CandidateTable
            candidates={candidates}
            picked={picked}
            available={available}
            currency={line.currency}
            rowProblems={check?.rows}
            idPrefix={searchId}
            onToggle={toggle}
            onType={type}
          />
        )}

        {check && left !== undefined && (
          <p className={check.total ? 'allocation-sum field-error' : 'allocation-sum'} role="status" data-testid="allocation-sum">
            {check.total
              ? problem(check.total)
              : t('reconcile.sumText', { sum: amount(check.sumCents, line.currency), rest: amount(Math.max(0, left), line.currency) })}
          </p>
        )}
        <ErrorBanner problems={[failed]} />
        <div className="form-actions">
          <button type="button" className="primary" disabled={!check?.allocations || saving} onClick={submit}>
            {saving ? t('action.working') : target.kind === 'accept' ? t('reconcile.acceptChosen') : t('reconcile.assignChosen')}
          </button>
          {picks.length > 1 && (
            <button type="button" onClick={refill}>
              {t('reconcile.fillOldestFirst')}
            </button>
          )}
          <button type="button" onClick={onClose}>
            {t('action.cancel')}
          </button>
        </div>
      </div>
    </Drawer>
  );
}

/** The line being assigned: what it is, its remittance and what it has left. */
function LineFacts({ line, available }: { line: StatementLine; available: number | undefined }) {
  const tr = useI18n();
  const { t, amount } = tr;
  const text = [line.remittance, line.bookingText].filter(Boolean).join(' · ');
  return (
    <dl className="facts facts-inline">
      <div className="facts-pair">
        <dt>{t('reconcile.line')}</dt>
        <dd>{lineLabel(tr, line)}</dd>
      </div>
      {line.counterpartyIban && (
        <div className="facts-pair">
          <dt>{t('statements.counterpartyIban')}</dt>
          <dd className="mono">{ibanText(line.counterpartyIban)}</dd>
        </div>
      )}
      {text && (
        <div className="facts-pair">
          <dt>{t('statements.remittance')}</dt>
          <dd className="pre-line">{text}</dd>
        </div>
      )}
      <div className="facts-pair">
        <dt>{t('reconcile.available')}</dt>
        <dd className="amount" data-testid="allocation-available">
          {available === undefined ? '…' : amount(Math.abs(available), line.currency)}
        </dd>
      </div>
    </dl>
  );
}
