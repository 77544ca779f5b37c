import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { LinePage, StatementLine } from '../../../../shared/statements';
import { call } from '../../api/client';
import { problemFromError, type Problem } from '../../i18n/problems';
import { pagesOf, pagesToDrop, type RowRange } from './virtualRows';

export type LineQuery = Omit<LinePage, 'offset' | 'limit'>;

interface Store {
  key: string;
  pages: ReadonlyMap<number, readonly StatementLine[]>;
  total: number;
  sumCents: number;
}

export interface LinePages {
  /** The filter's count and sum; undefined until its first page has come. */
  total: number | undefined;
  /** Rows to lay out: the count, or the previous query's while the new one loads (no jumping). */
  rowCount: number;
  sumCents: number | undefined;
  /** The row at `index`, if its page is loaded. */
  rowAt: (index: number) => StatementLine | undefined;
  loading: boolean;
  error: Problem | undefined;
  retry: () => void;
}

const EMPTY: ReadonlyMap<number, readonly StatementLine[]> = new Map();

/**
 * Pages of statement lines for the virtualised table: the pages under the
 * rendered `range` are fetched (once each), at most `keep` pages stay in
 * memory (the farthest from the screen are dropped), and a new query or
 * `version` starts from scratch, ignoring answers to the old one.
 */
export function useLinePages(query: LineQuery, range: RowRange, { pageSize = 200, keep = 12, version = 0 } = {}): LinePages {
  const queryJson = JSON.stringify(query);
  const key = `${version}:${queryJson}`;
  const [store, setStore] = useState<Store>({ key: '', pages: EMPTY, total: 0, sumCents: 0 });
  const [failed, setFailed] = useState<{ key: string; problem: Problem }>();
  const [attempt, setAttempt] = useState(0);
  const pending = useRef(new Set<string>());
  const currentKey = useRef(key);
  const onScreen = useRef<number[]>([]);

  const known = store.key === key;
  const pages = known ? store.pages : EMPTY;
  // Before the count is known, the first page is what is needed.
  const wanted = useMemo(() => (known ? pagesOf(range, pageSize) : [0]), [known, range, pageSize]);
  const wantedKey = wanted.join(',');
  const blocked = failed?.key === key;

  useEffect(() => {
    currentKey.current = key;
    onScreen.current = wantedKey.split(',').filter(Boolean).map(Number);
    if (blocked) return;
    for (const page of onScreen.current) {
      const id = `${key}#${page}`;
      if (pages.has(page) || pending.current.has(id)) continue;
      pending.current.add(id);
      const input = { ...(JSON.parse(queryJson) as LineQuery), offset: page * pageSize, limit: pageSize };
      call('statements.lines', input).then(
        (result) => {
          pending.current.delete(id);
          if (currentKey.current !== key) return;
          setStore((prev) => {
            const next = new Map(prev.key === key ? prev.pages : EMPTY);
            next.set(page, result.rows);
            const visible = onScreen.current;
            for (const drop of pagesToDrop([...next.keys()], visible[0] ?? page, keep, visible)) next.delete(drop);
            return { key, pages: next, total: result.total, sumCents: result.sumCents };
          });
        },
        (e: unknown) => {
          pending.current.delete(id);
          if (currentKey.current !== key) return;
          setFailed({ key, problem: problemFromError(e) });
        },
      );
    }
  }, [key, queryJson, wantedKey, pages, pageSize, keep, blocked, attempt]);

  const rowAt = useCallback((index: number) => pages.get(Math.floor(index / pageSize))?.[index % pageSize], [pages, pageSize]);
  const retry = useCallback(() => {
    setFailed(undefined);
    setAttempt((n) => n + 1);
  }, []);

  return {
    total: known ? store.total : undefined,
    rowCount: store.total,
    sumCents: known ? store.sumCents : undefined,
    rowAt,
    loading: !blocked && wanted.some((p) => !pages.has(p)),
    error: blocked ? failed.problem : undefined,
    retry,
  };
}
