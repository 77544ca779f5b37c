/**
 * The arithmetic of the virtualised lines table, free of React and the DOM so
 * it can be tested on its own: which rows a scroll position shows, where to
 * scroll so a row is visible, which pages of rows to fetch and which to drop.
 */

/** Rows `start` (inclusive) to `end` (exclusive). */
export interface RowRange {
  start: number;
  end: number;
}

export interface RangeInput {
  /** The body's scroll offset in pixels (the part above the first visible row). */
  scrollTop: number;
  /** Height of the visible body, without a sticky header. */
  viewportHeight: number;
  rowHeight: number;
  total: number;
  /** Rows rendered beyond each edge, so fast scrolling shows no gap. */
  overscan: number;
}

export const EMPTY_RANGE: RowRange = { start: 0, end: 0 };

/** The rows to render at a scroll position: the visible ones plus `overscan` on each side. */
export function visibleRange({ scrollTop, viewportHeight, rowHeight, total, overscan }: RangeInput): RowRange {
  if (total <= 0 || rowHeight <= 0) return EMPTY_RANGE;
  const top = Number.isFinite(scrollTop) ? Math.max(0, scrollTop) : 0;
  const first = Math.min(total - 1, Math.floor(top / rowHeight));
  // A partly visible row at the bottom counts as visible.
  const visible = Math.max(1, Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1);
  const margin = Math.max(0, Math.floor(overscan));
  return { start: Math.max(0, first - margin), end: Math.min(total, first + visible + margin) };
}

/** The scroll offset after which row `index` is fully visible, moving as little as possible. */
export function scrollTopToReveal(index: number, scrollTop: number, viewportHeight: number, rowHeight: number): number {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewportHeight) return Math.max(0, bottom - viewportHeight);
  return scrollTop;
}

/** Where a key moves the selection; undefined for keys the table does not handle. */
export function movedSelection(key: string, current: number, total: number, pageRows: number): number | undefined {
  if (total <= 0) return undefined;
  const page = Math.max(1, pageRows - 1);
  const clamp = (n: number) => Math.min(total - 1, Math.max(0, n));
  switch (key) {
    case 'ArrowDown':
      return current < 0 ? 0 : clamp(current + 1);
    case 'ArrowUp':
      return current < 0 ? 0 : clamp(current - 1);
    case 'PageDown':
      return clamp(Math.max(current, 0) + page);
    case 'PageUp':
      return clamp(Math.max(current, 0) - page);
    case 'Home':
      return 0;
    case 'End':
      return total - 1;
    default:
      return undefined;
  }
}

/** The page numbers holding rows `range` (none for an empty range). */
export function pagesOf(range: RowRange, pageSize: number): number[] {
  if (range.end <= range.start) return [];
  const first = Math.floor(range.start / pageSize);
  const last = Math.floor((range.end - 1) / pageSize);
  const pages: number[] = [];
  for (let p = first; p <= last; p++) pages.push(p);
  return pages;
}

/**
 * Which of the `loaded` pages to forget so that at most `keep` stay: the ones
 * farthest from `center` (the page on screen) go first; `pinned` pages (the
 * ones on screen) always stay.
 */
export function pagesToDrop(loaded: readonly number[], center: number, keep: number, pinned: readonly number[] = []): number[] {
  if (loaded.length <= keep) return [];
  const droppable = loaded.filter((p) => !pinned.includes(p)).sort((a, b) => Math.abs(b - center) - Math.abs(a - center) || b - a);
  return droppable.slice(0, Math.min(droppable.length, loaded.length - keep));
}
