import { useMemo, useState } from 'react';

/** The parties chosen on the list: only those the list still shows count (a filter drops the others from the choice). */
export function useSelection(rows: readonly { id: number }[] | undefined): Selection {
  const [chosen, setChosen] = useState<ReadonlySet<number>>(new Set());
  const ids = useMemo(() => (rows ?? []).map((r) => r.id).filter((id) => chosen.has(id)), [rows, chosen]);
  return {
    ids,
    has: (id: number) => chosen.has(id),
    allOn: rows !== undefined && rows.length > 0 && ids.length === rows.length,
    set: (list: readonly number[], on: boolean) =>
      setChosen((prev) => {
        const next = new Set(prev);
        for (const id of list) {
          if (on) next.add(id);
          else next.delete(id);
        }
        return next;
      }),
    clear: () => setChosen(new Set()),
  };
}

export interface Selection {
  ids: number[];
  has(id: number): boolean;
  allOn: boolean;
  set(list: readonly number[], on: boolean): void;
  clear(): void;
}
