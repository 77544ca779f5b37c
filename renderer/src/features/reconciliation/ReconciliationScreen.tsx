import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { Assignment, Proposal } from '../../../../shared/reconcile';
import type { StatementLine } from '../../../../shared/statements';
import { call } from '../../api/client';
import { useApi } from '../../api/useApi';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { Section } from '../../components/Section';
import { useI18n } from '../../i18n/I18nProvider';
import { problemFromError, type Problem } from '../../i18n/problems';
import { useFileDrop } from '../bank-csv/FileDropProvider';
import { AllocationDialog, type AllocationTarget } from './AllocationDialog';
import { AssignmentsDialog } from './AssignmentsDialog';
import { lineLabel, totalsText, usedOfLine } from './labels';
import { LinesToAssign } from './LinesToAssign';
import { ProposalCard } from './ProposalCard';
import { UndoConfirm } from './UndoConfirm';

const PAGE = 20;
type Sure = 'all' | 'sure' | 'unsure';
/** Sure proposals loaded at most for the confirmation's total. */
const SURE_PAGES = 20;

interface Done {
  text: string;
  assignment?: Assignment;
  currency?: string;
}

/**
 * Where bank lines meet open entries: "Find matches" proposes, the
 * reviewer accepts, rejects or changes each proposal (or all sure ones at
 * once), assigns lines without a proposal by hand, and undoes what was
 * assigned by mistake.
 */
export function ReconciliationScreen() {
  const tr = useI18n();
  const { t, plural } = tr;
  const filterId = useId();
  const drop = useFileDrop();
  const [sure, setSure] = useState<Sure>('all');
  const [offset, setOffset] = useState(0);
  const proposals = useApi('reconcile.proposals', { state: 'proposed', sure, offset, limit: PAGE });
  const openCount = useApi('reconcile.proposals', { state: 'proposed', sure: 'all', offset: 0, limit: 1 });
  const sureCount = useApi('reconcile.proposals', { state: 'proposed', sure: 'sure', offset: 0, limit: 1 });
  const [running, setRunning] = useState(false);
  const [runProblem, setRunProblem] = useState<Problem>();
  const [busy, setBusy] = useState<number>();
  const [problems, setProblems] = useState<ReadonlyMap<number, Problem>>(new Map());
  const [done, setDone] = useState<Done>();
  const [allocating, setAllocating] = useState<AllocationTarget>();
  const [showAssignments, setShowAssignments] = useState<StatementLine>();
  const [undoing, setUndoing] = useState<{ assignment: Assignment; currency: string }>();
  const [sureConfirm, setSureConfirm] = useState<{ count: number; total: string }>();
  const [sureLoading, setSureLoading] = useState(false);
  const [sureProblem, setSureProblem] = useState<Problem>();
  const [version, setVersion] = useState(0);
  const listRef = useRef<HTMLDivElement>(null);
  const focusIndex = useRef<number | null>(null);

  const { reload: reloadProposals } = proposals;
  const { reload: reloadOpen } = openCount;
  const { reload: reloadSure } = sureCount;
  const refresh = useCallback(() => {
    reloadProposals();
    reloadOpen();
    reloadSure();
    setVersion((v) => v + 1);
  }, [reloadProposals, reloadOpen, reloadSure]);

  // Bank lines stored or matched elsewhere (a CSV dropped onto the window, "Find matches now").
  const firstVersion = useRef(drop.dataVersion);
  useEffect(() => {
    if (drop.dataVersion !== firstVersion.current) refresh();
  }, [drop.dataVersion, refresh]);

  // After a decision, the keyboard goes on with the next proposal.
  useEffect(() => {
    const index = focusIndex.current;
    if (index === null || !proposals.data || proposals.loading) return;
    focusIndex.current = null;
    const cards = listRef.current?.querySelectorAll<HTMLElement>('[data-testid="proposal"]') ?? [];
    const card = cards[Math.min(index, cards.length - 1)];
    card?.querySelector<HTMLButtonElement>('button.primary:not(:disabled)')?.focus();
  }, [proposals.data, proposals.loading]);

  const run = () => {
    setRunning(true);
    setRunProblem(undefined);
    setDone(undefined);
    call('reconcile.run', {}).then(
      (result) => {
        setRunning(false);
        setOffset(0);
        drop.recordRun(result);
      },
      (e: unknown) => {
        setRunning(false);
        setRunProblem(problemFromError(e));
      },
    );
  };

  const setProblem = (id: number, p: Problem | undefined) =>
    setProblems((prev) => {
      const next = new Map(prev);
      if (p) next.set(id, p);
      else next.delete(id);
      return next;
    });

  const decide = (p: Proposal, index: number, action: 'accept' | 'reject') => {
    setBusy(p.id);
    setProblem(p.id, undefined);
    const label = lineLabel(tr, p.line);
    const request =
      action === 'accept'
        ? call('reconcile.accept', { id: p.id }).then((a) => ({
            text: t('reconcile.acceptedText', { line: label, numbers: a.items.map((i) => i.number).join(', ') }),
            assignment: a,
            currency: p.line.currency,
          }))
        : call('reconcile.reject', { id: p.id }).then(() => ({ text: t('reconcile.rejectedText', { line: label }) }));
    request.then(
      (d: Done) => {
        setBusy(undefined);
        setDone(d);
        focusIndex.current = index;
        refresh();
      },
      (e: unknown) => {
        setBusy(undefined);
        setProblem(p.id, problemFromError(e));
      },
    );
  };

  const askAcceptSure = async () => {
    setSureLoading(true);
    setSureProblem(undefined);
    try {
      const all: Proposal[] = [];
      let total = 0;
      for (let page = 0; page < SURE_PAGES; page++) {
        const r = await call('reconcile.proposals', { state: 'proposed', sure: 'sure', offset: page * 500, limit: 500 });
        all.push(...r.rows);
        total = r.total;
        if (all.length >= r.total || r.rows.length === 0) break;
      }
      const sum = totalsText(
        tr,
        all.map((p) => ({ cents: Math.abs(usedOfLine(p)), currency: p.line.currency })),
      );
      setSureConfirm({ count: total, total: all.length < total ? t('reconcile.atLeast', { amount: sum }) : sum });
    } catch (e) {
      setSureProblem(problemFromError(e));
    } finally {
      setSureLoading(false);
    }
  };

  const sureN = sureCount.data?.total ?? 0;
  const openN = openCount.data?.total;
  const lastRun = drop.lastRun?.result;
  const rows = proposals.data?.rows ?? [];
  const total = proposals.data?.total ?? 0;

  return (
    <>
      <PageHeader title={t('nav.reconciliation')}>
        <button type="button" onClick={() => drop.openBankCsv()}>
          {t('reconcile.importCsv')}
        </button>
        <button type="button" className="primary" onClick={run} disabled={running}>
          {running ? t('reconcile.running') : t('reconcile.run')}
        </button>
      </PageHeader>
      <ErrorBanner problems={[runProblem, sureProblem]} />
      <div role="status">
        {lastRun && !done && (
          <p className="banner banner-ok" data-testid="run-result">
            {t('reconcile.runResult', { lines: lastRun.lines, proposals: lastRun.proposals, sure: lastRun.sure })}
            {lastRun.accepted > 0 && <> {plural(lastRun.accepted, 'reconcile.acceptedOne', 'reconcile.acceptedOther')}</>}
          </p>
        )}
        {done && (
          <div className="banner banner-ok" data-testid="decision-result">
            <p>{done.text}</p>
            {done.assignment && done.currency && (
              <button type="button" className="small" onClick={() => setUndoing({ assignment: done.assignment!, currency: done.currency! })}>
                {t('reconcile.undo')}
              </button>
            )}
          </div>
        )}
      </div>

      <Section
        title={t('reconcile.proposalsTitle')}
        actions={
          <button type="button" onClick={() => void askAcceptSure()} disabled={sureN === 0 || sureLoading}>
            {sureLoading ? t('action.working') : t('reconcile.acceptSure', { count: sureN })}
          </button>
        }
      >
        <div className="filters">
          <div className="field">
            <label htmlFor={filterId}>{t('reconcile.show')}</label>
            <select
              id={filterId}
              value={sure}
              onChange={(e) => {
                setSure(e.target.value as Sure);
                setOffset(0);
              }}
            >
              <option value="all">{t('reconcile.filter.all')}</option>
              <option value="sure">{t('reconcile.filter.sure')}</option>
              <option value="unsure">{t('reconcile.filter.unsure')}</option>
            </select>
          </div>
          <p className="filter-count" data-testid="open-proposals">
            {openN === undefined ? '' : plural(openN, 'reconcile.openCountOne', 'reconcile.openCountOther')}
          </p>
        </div>
        <ErrorBanner
          problems={[proposals.error && problemFromError(proposals.error), openCount.error && !proposals.error ? problemFromError(openCount.error) : undefined]}
          onRetry={refresh}
        />
        {!proposals.data ? (
          !proposals.error && <Loading />
        ) : rows.length === 0 ? (
          <EmptyState title={sure === 'all' ? t('reconcile.noProposals') : t('reconcile.noProposalsFiltered')}>
            <p>{t('reconcile.noProposalsText')}</p>
          </EmptyState>
        ) : (
          <>
            <div className="proposal-list" ref={listRef} aria-busy={proposals.loading} data-testid="proposal-list">
              {rows.map((p, index) => (
                <ProposalCard
                  key={p.id}
                  proposal={p}
                  busy={busy === p.id}
                  problem={problems.get(p.id)}
                  onAccept={() => decide(p, index, 'accept')}
                  onReject={() => decide(p, index, 'reject')}
                  onChangeTarget={() => setAllocating({ kind: 'accept', proposal: p })}
                />
              ))}
            </div>
            {total > PAGE && (
              <div className="pager">
                <button type="button" className="small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                  {t('common.previous')}
                </button>
                <span className="muted">{t('common.range', { from: offset + 1, to: Math.min(offset + PAGE, total), total })}</span>
                <button type="button" className="small" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
                  {t('common.next')}
                </button>
              </div>
            )}
          </>
        )}
      </Section>

      <Section title={t('reconcile.linesTitle')}>
        <p className="muted section-intro">{t('reconcile.linesIntro')}</p>
        <LinesToAssign version={version} onAssign={(line) => setAllocating({ kind: 'assign', line })} onShowAssignments={setShowAssignments} />
      </Section>

      {allocating && (
        <AllocationDialog
          target={allocating}
          onClose={() => setAllocating(undefined)}
          onDone={(a) => {
            const line = allocating.kind === 'accept' ? allocating.proposal.line : allocating.line;
            setAllocating(undefined);
            setDone({
              text: t(allocating.kind === 'accept' ? 'reconcile.acceptedText' : 'reconcile.assignedText', {
                line: lineLabel(tr, line),
                numbers: a.items.map((i) => i.number).join(', '),
              }),
              assignment: a,
              currency: line.currency,
            });
            refresh();
          }}
        />
      )}
      {showAssignments && <AssignmentsDialog line={showAssignments} onClose={() => setShowAssignments(undefined)} onChanged={refresh} />}
      {undoing && (
        <UndoConfirm
          assignment={undoing.assignment}
          currency={undoing.currency}
          onClose={() => setUndoing(undefined)}
          onUndone={() => {
            setUndoing(undefined);
            setDone({ text: t('reconcile.undoneText') });
            refresh();
          }}
        />
      )}
      {sureConfirm && (
        <ConfirmDialog
          title={t('reconcile.acceptSureTitle', { count: sureConfirm.count })}
          confirmLabel={t('reconcile.acceptSureConfirm', { count: sureConfirm.count })}
          onClose={() => setSureConfirm(undefined)}
          onConfirm={async () => {
            const r = await call('reconcile.acceptSure', {});
            setSureConfirm(undefined);
            setDone({ text: plural(r.accepted, 'reconcile.acceptedOne', 'reconcile.acceptedOther') });
            refresh();
          }}
        >
          <p>{t('reconcile.acceptSureText', { count: sureConfirm.count, total: sureConfirm.total })}</p>
        </ConfirmDialog>
      )}
    </>
  );
}
