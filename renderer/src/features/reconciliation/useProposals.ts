import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '../../api/useApi';
import type { Sure } from './ProposalFilter';

/**
 * The page of open proposals shown, the counts of all open and of sure ones,
 * and `refresh` to load them again. `version` grows with every refresh (the
 * lines without a proposal load again by it); `dataVersion` changes when bank
 * lines were stored or matched elsewhere (a CSV dropped onto the window).
 */
export function useProposals(sure: Sure, offset: number, pageSize: number, dataVersion: number) {
  const proposals = useApi('reconcile.proposals', { state: 'proposed', sure, offset, limit: pageSize });
  const openCount = useApi('reconcile.proposals', { state: 'proposed', sure: 'all', offset: 0, limit: 1 });
  const sureCount = useApi('reconcile.proposals', { state: 'proposed', sure: 'sure', offset: 0, limit: 1 });
  const [version, setVersion] = useState(0);

  const { reload: reloadProposals } = proposals;
  const { reload: reloadOpen } = openCount;
  const { reload: reloadSure } = sureCount;
  const refresh = useCallback(() => {
    reloadProposals();
    reloadOpen();
    reloadSure();
    setVersion((v) => v + 1);
  }, [reloadProposals, reloadOpen, reloadSure]);

  const firstVersion = useRef(dataVersion);
  useEffect(() => {
    if (dataVersion !== firstVersion.current) refresh();
  }, [dataVersion, refresh]);

  return { proposals, openCount, sureCount, refresh, version };
}
