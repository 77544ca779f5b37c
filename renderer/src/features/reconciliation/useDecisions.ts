import { useEffect, useRef, useState } from 'react';
import type { Proposal } from '../../../../shared/reconcile';
import { call } from '../../api/client';
import { useI18n } from '../../i18n/I18nProvider';
import { problemFromError, type Problem } from '../../i18n/problems';
import { lineLabel } from './labels';
import type { Done } from './RunStatus';

interface Options {
  /** The page of proposals shown: after a decision, focus moves on once it has loaded again. */
  proposals: { data: unknown; loading: boolean };
  onDone: (done: Done) => void;
}

/**
 * Accepting or rejecting one proposal: which one is busy, the problems per
 * proposal, and the keyboard focus going on with the next proposal.
 * `listRef` belongs on the element holding the proposal cards.
 */
export function useDecisions({ proposals, onDone }: Options) {
  const tr = useI18n();
  const { t } = tr;
  const [busy, setBusy] = useState<number>();
  const [problems, setProblems] = useState<ReadonlyMap<number, Problem>>(new Map());
  const listRef = useRef<HTMLDivElement>(null);
  const focusIndex = useRef<number | null>(null);

  // After a decision, the keyboard goes on with the next proposal.
  useEffect(() => {
    const index = focusIndex.current;
    if (index === null || !proposals.data || proposals.loading) return;
    focusIndex.current = null;
    const cards = listRef.current?.querySelectorAll<HTMLElement>('[data-testid="proposal"]') ?? [];
    const card = cards[Math.min(index, cards.length - 1)];
    card?.querySelector<HTMLButtonElement>('button.primary:not(:disabled)')?.focus();
  }, [proposals.data, proposals.loading]);

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
        focusIndex.current = index;
        onDone(d);
      },
      (e: unknown) => {
        setBusy(undefined);
        setProblem(p.id, problemFromError(e));
      },
    );
  };

  return { busy, problems, decide, listRef };
}
