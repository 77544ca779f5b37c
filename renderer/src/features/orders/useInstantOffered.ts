import { useEffect, useState } from 'react';
import { call } from '../../api/client';

/**
 * Whether any bank access says its bank offers SEPA Instant: only then does
 * the run builder offer the choice (the service checks each account's access
 * again when the run is built).
 */
export function useInstantOffered(): boolean {
  const [offered, setOffered] = useState(false);
  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        for (const access of await call('bankAccess.list', {})) {
          if ((await call('bankAccess.settings', { id: access.id })).instantOffered) {
            if (live) setOffered(true);
            return;
          }
        }
      } catch {
        // No access to ask: no instant choice; building a run reports any real problem.
      }
    })();
    return () => {
      live = false;
    };
  }, []);
  return offered;
}
