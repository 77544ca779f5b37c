import type { RefObject } from 'react';
import type { Proposal } from '../../../../shared/reconcile';
import { EmptyState } from '../../components/EmptyState';
import { Loading } from '../../components/Loading';
import type { Problem } from '../../i18n/problems';
import { useI18n } from '../../i18n/I18nProvider';
import { ProposalCard } from './ProposalCard';

interface Props {
  /** undefined while the first page loads. */
  rows: readonly Proposal[] | undefined;
  /** The page failed to load: no spinner then. */
  failed: boolean;
  /** The filter shows only sure or unsure proposals. */
  filtered: boolean;
  /** All proposals of the filter, for the pager. */
  total: number;
  offset: number;
  pageSize: number;
  onOffset: (offset: number) => void;
  loading: boolean;
  listRef: RefObject<HTMLDivElement | null>;
  busy: number | undefined;
  problems: ReadonlyMap<number, Problem>;
  onDecide: (p: Proposal, index: number, action: 'accept' | 'reject') => void;
  onChangeTarget: (p: Proposal) => void;
  onAcceptDifference: (p: Proposal) => void;
}

/** One page of proposals as cards, with a pager when there are more. */
export function ProposalList({
  rows,
  failed,
  filtered,
  total,
  offset,
  pageSize,
  onOffset,
  loading,
  listRef,
  busy,
  problems,
  onDecide,
  onChangeTarget,
  onAcceptDifference,
}: Props) {
  const { t } = useI18n();
  if (!rows) return failed ? null : <Loading />;
  if (rows.length === 0) {
    return (
      <EmptyState title={filtered ? t('reconcile.noProposalsFiltered') : t('reconcile.noProposals')}>
        <p>{t('reconcile.noProposalsText')}</p>
      </EmptyState>
    );
  }
  return (
    <>
      <div className="proposal-list" ref={listRef} aria-busy={loading} data-testid="proposal-list">
        {rows.map((p, index) => (
          <ProposalCard
            key={p.id}
            proposal={p}
            busy={busy === p.id}
            problem={problems.get(p.id)}
            onAccept={() => onDecide(p, index, 'accept')}
            onReject={() => onDecide(p, index, 'reject')}
            onChangeTarget={() => onChangeTarget(p)}
            onAcceptDifference={() => onAcceptDifference(p)}
          />
        ))}
      </div>
      {total > pageSize && (
        <div className="pager">
          <button type="button" className="small" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - pageSize))}>
            {t('common.previous')}
          </button>
          <span className="muted">{t('common.range', { from: offset + 1, to: Math.min(offset + pageSize, total), total })}</span>
          <button type="button" className="small" disabled={offset + pageSize >= total} onClick={() => onOffset(offset + pageSize)}>
            {t('common.next')}
          </button>
        </div>
      )}
    </>
  );
}
