import { useEffect } from 'react';
import { call } from '../../api/client';
import { navigate } from '../../app/routing';

/**
 * Kontor opened without a screen in the address on an empty ledger: the
 * checklist, not an empty list of entries. Asked once per start; an address
 * with a screen (a reload, a link) is left alone.
 */
export function useFirstStart(): void {
  useEffect(() => {
    if (!/^#?\/?$/.test(window.location.hash)) return;
    let current = true;
    call('setup.checklist', {}).then(
      (list) => {
        if (current && list.firstStart && /^#?\/?$/.test(window.location.hash)) navigate({ screen: 'setup' }, { replace: true });
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, []);
}
