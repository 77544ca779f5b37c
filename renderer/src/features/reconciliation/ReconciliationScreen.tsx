import { useState } from 'react';
import type { Assignment, Proposal } from '../../../../shared/reconcile';
import type { StatementLine } from '../../../../shared/statements';
import { ErrorBanner } from '../../components/ErrorBanner';
import { PageHeader } from '../../components/PageHeader';
import { Section } from '../../components/Section';
import { useI18n } from '../../i18n/I18nProvider';
import { problemFromError } from '../../i18n/problems';
import { useFileDrop } from '../bank-csv/FileDropProvider';
import { AcceptSureDialog } from './AcceptSureDialog';
import { AllocationDialog, type AllocationTarget } from './AllocationDialog';
import { AssignmentsDialog } from './AssignmentsDialog';
import { DifferenceDialog } from './DifferenceDialog';
import { DirectionTotals } from './DirectionTotals';
import { lineLabel } from './labels';
import { LinesToAssign } from './LinesToAssign';
import { ProposalFilter, type Sure } from './ProposalFilter';
import { ProposalList } from './ProposalList';
import { RunStatus, type Done } from './RunStatus';
import { UndoConfirm } from './UndoConfirm';
import { useAcceptSure } from './useAcceptSure';
import { useDecisions } from './useDecisions';
import { useProposals } from './useProposals';
import { useRunMatches } from './useRunMatches';

const PAGE = 20;

/**
 * Where bank lines meet open entries: "Find matches" proposes, the
 * reviewer accepts, rejects or changes each proposal (or all sure ones at
 * once), assigns lines without a proposal by hand, and undoes what was
 * assigned by mistake.
 */
export function ReconciliationScreen() {
  const tr = useI18n();
  const { t, plural } = tr;
  const drop = useFileDrop();
  const [sure, setSure] = useState<Sure>('all');
  const [offset, setOffset] = useState(0);
  const { proposals, openCount, sureCount, refresh, version } = useProposals(sure, offset, PAGE, drop.dataVersion);
  const [done, setDone] = useState<Done>();
  const [allocating, setAllocating] = useState<AllocationTarget>();
  const [showAssignments, setShowAssignments] = useState<StatementLine>();
  const [undoing, setUndoing] = useState<{ assignment: Assignment; currency: string }>();
  const [differencing, setDifferencing] = useState<Proposal>();

  const { run, running, runProblem } = useRunMatches({
    onStart: () => setDone(undefined),
    onRun: (result) => {
      setOffset(0);
      drop.recordRun(result);
    },
  });

  const allocated = (target: AllocationTarget, a: Assignment) => {
    const line = target.kind === 'accept' ? target.proposal.line : target.line;
    setAllocating(undefined);
    setDifferencing(undefined);
    setDone({
      text: t(target.kind === 'accept' ? 'reconcile.acceptedText' : 'reconcile.assignedText', {
        line: lineLabel(tr, line),
        numbers: a.items.map((i) => i.number).join(', '),
      }),
      assignment: a,
      currency: line.currency,
    });
    refresh();
  };

  const finishDecision = (d: Done) => {
    setDone(d);
    refresh();
  };
  const { busy, problems, decide, listRef } = useDecisions({ proposals, onDone: finishDecision });
  const { sureConfirm, closeSureConfirm, sureLoading, sureProblem, askAcceptSure } = useAcceptSure();

  const sureN = sureCount.data?.total ?? 0;
  const openN = openCount.data?.total;
  const lastRun = drop.lastRun?.result;
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
      <RunStatus lastRun={lastRun} done={done} onUndo={setUndoing} />

      <Section
        title={t('reconcile.proposalsTitle')}
        actions={
          <button type="button" onClick={() => void askAcceptSure()} disabled={sureN === 0 || sureLoading}>
            {sureLoading ? t('action.working') : t('reconcile.acceptSure', { count: sureN })}
          </button>
        }
      >
        <ProposalFilter
          sure={sure}
          onChange={(next) => {
            setSure(next);
            setOffset(0);
          }}
          openCount={openN}
        />
        <DirectionTotals sure={sure} version={version} />
        <ErrorBanner
          problems={[proposals.error && problemFromError(proposals.error), openCount.error && !proposals.error ? problemFromError(openCount.error) : undefined]}
          onRetry={refresh}
        />
        <ProposalList
          rows={proposals.data?.rows}
          failed={proposals.error !== undefined}
          filtered={sure !== 'all'}
          total={total}
          offset={offset}
          pageSize={PAGE}
          onOffset={setOffset}
          loading={proposals.loading}
          listRef={listRef}
          busy={busy}
          problems={problems}
          onDecide={decide}
          onChangeTarget={(p) => setAllocating({ kind: 'accept', proposal: p })}
          onAcceptDifference={setDifferencing}
        />
      </Section>

      <Section title={t('reconcile.linesTitle')}>
        <p className="muted section-intro">{t('reconcile.linesIntro')}</p>
        <LinesToAssign version={version} onAssign={(line) => setAllocating({ kind: 'assign', line })} onShowAssignments={setShowAssignments} />
      </Section>

      {allocating && <AllocationDialog target={allocating} onClose={() => setAllocating(undefined)} onDone={(a) => allocated(allocating, a)} />}
      {differencing && (
        <DifferenceDialog
          proposal={differencing}
          onClose={() => setDifferencing(undefined)}
          onAccepted={(a) => allocated({ kind: 'accept', proposal: differencing }, a)}
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
        <AcceptSureDialog
          {...sureConfirm}
          onClose={closeSureConfirm}
          onAccepted={(accepted) => {
            closeSureConfirm();
            setDone({ text: plural(accepted, 'reconcile.acceptedOne', 'reconcile.acceptedOther') });
            refresh();
          }}
        />
      )}
    </>
  );
}
