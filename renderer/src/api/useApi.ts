import { useCallback, useEffect, useState } from 'react';
import type { ApiInput, ApiName, ApiOutput } from '../../../shared/api';
import { ApiCallError, call } from './client';
import { reloadOnLedgerChange } from './ledgerChanges';

export interface ApiData<T> {
  /** The last answer; kept while a new one loads, so lists do not flicker. */
  data: T | undefined;
  error: ApiCallError | undefined;
  loading: boolean;
  reload: () => void;
}

function asApiError(e: unknown): ApiCallError {
  return e instanceof ApiCallError ? e : new ApiCallError({ code: 'internal', message: String(e) });
}

/**
 * Loads `name(input)` and again whenever the input changes (compared by
 * value), `reload` is called, or another workstation changes what it reads
 * on a team ledger. With `enabled: false` nothing is loaded.
 */
export function useApi<N extends ApiName>(name: N, input: ApiInput<N>, enabled = true): ApiData<ApiOutput<N>> {
  const key = JSON.stringify(input);
  const [version, setVersion] = useState(0);
  const [data, setData] = useState<ApiOutput<N>>();
  const [error, setError] = useState<ApiCallError>();
  const [loading, setLoading] = useState(enabled);

  useEffect(() => {
    if (!enabled) {
      setLoading(false);
      return;
    }
    let current = true;
    setLoading(true);
    call(name, JSON.parse(key) as ApiInput<N>).then(
      (value) => {
        if (!current) return;
        setData(value);
        setError(undefined);
        setLoading(false);
      },
      (e: unknown) => {
        if (!current) return;
        setError(asApiError(e));
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [name, key, version, enabled]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  // On a team ledger, what another workstation commits loads again what shows it (ledgerChanges.ts).
  useEffect(() => (enabled ? reloadOnLedgerChange(name, reload) : undefined), [name, enabled, reload]);
  return { data: enabled ? data : undefined, error, loading, reload };
}
