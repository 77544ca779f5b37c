import { useCallback, useMemo, useRef, useState, type UIEvent } from 'react';
import { scrollTopToReveal, visibleRange, type RowRange } from './virtualRows';

interface Options {
  total: number;
  /** Every row has this height in pixels (the CSS must agree). */
  rowHeight: number;
  /** Height of a sticky header inside the scroll container. */
  headerHeight?: number;
  overscan?: number;
}

export interface VirtualRows {
  /** For the scroll container: measures it and follows its size. */
  ref: (element: HTMLDivElement | null) => () => void;
  onScroll: (e: UIEvent<HTMLDivElement>) => void;
  /** The rows to render. */
  range: RowRange;
  /** Height of the body holding all rows (only the range is in the DOM). */
  bodyHeight: number;
  /** Rows that fit the visible body, for Page Up and Page Down. */
  pageRows: number;
  /** Scrolls as little as needed for row `index` to be visible. */
  reveal: (index: number) => void;
  scrollToTop: () => void;
}

/**
 * Virtualisation for a list of `total` rows of fixed height: only the rows in
 * view (plus `overscan` on each side) are rendered, positioned inside a body
 * as tall as all rows would be, so the scroll bar behaves as for the full list.
 * Renders again only when the first visible row or the size changes.
 */
export function useVirtualRows({ total, rowHeight, headerHeight = 0, overscan = 10 }: Options): VirtualRows {
  const element = useRef<HTMLDivElement | null>(null);
  const [viewport, setViewport] = useState(0);
  const [firstRow, setFirstRow] = useState(0);

  const ref = useCallback(
    (el: HTMLDivElement | null) => {
      element.current = el;
      if (!el) return () => {};
      const measure = () => setViewport(Math.max(0, el.clientHeight - headerHeight));
      measure();
      const observer = new ResizeObserver(measure);
      observer.observe(el);
      return () => {
        observer.disconnect();
        if (element.current === el) element.current = null;
      };
    },
    [headerHeight],
  );

  const onScroll = useCallback((e: UIEvent<HTMLDivElement>) => setFirstRow(Math.floor(Math.max(0, e.currentTarget.scrollTop) / rowHeight)), [rowHeight]);

  const range = useMemo(
    () => visibleRange({ scrollTop: firstRow * rowHeight, viewportHeight: viewport, rowHeight, total, overscan }),
    [firstRow, rowHeight, viewport, total, overscan],
  );

  const reveal = useCallback(
    (index: number) => {
      const el = element.current;
      if (!el) return;
      const next = scrollTopToReveal(index, el.scrollTop, viewport, rowHeight);
      if (next !== el.scrollTop) el.scrollTop = next;
    },
    [viewport, rowHeight],
  );

  const scrollToTop = useCallback(() => {
    if (element.current) element.current.scrollTop = 0;
    setFirstRow(0);
  }, []);

  return { ref, onScroll, range, bodyHeight: total * rowHeight, pageRows: Math.max(1, Math.floor(viewport / rowHeight)), reveal, scrollToTop };
}
