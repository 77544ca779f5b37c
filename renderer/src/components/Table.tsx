import type { ReactNode } from 'react';

export interface Column<R> {
  key: string;
  header: string;
  cell: (row: R) => ReactNode;
  align?: 'right' | 'center';
  /** Classes of the body cells (the header keeps the plain look). */
  className?: string;
}

interface TableProps<R> {
  caption: string;
  columns: Column<R>[];
  rows: readonly R[];
  rowKey: (row: R) => string | number;
  rowClassName?: (row: R) => string | undefined;
  testId?: string;
}

/** A dense data table; the caption is for screen readers. */
export function Table<R>({ caption, columns, rows, rowKey, rowClassName, testId }: TableProps<R>) {
  const align = (c: Column<R>) => (c.align ? `align-${c.align}` : undefined);
  const cls = (c: Column<R>) => [align(c) ?? '', c.className ?? ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="table-wrap">
      <table className="table" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={align(c)}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} className={rowClassName?.(row)}>
              {columns.map((c) => (
                <td key={c.key} className={cls(c)}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
