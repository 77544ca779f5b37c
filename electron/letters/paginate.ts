/**
 * Page breaking for the letter: blocks of lines flow down the page. A block
 * that does not fit moves to the next page as a whole when it fits there and
 * that leaves at most half of the current page blank (so a 2048-bit key is
 * never torn apart); otherwise it is split, only where its lines allow it
 * (between modulus or certificate lines, never inside a heading or a hash).
 */

export interface FlowLine {
  height: number;
  /** The page may break before this line (inside its block). */
  breakBefore?: boolean;
}

export interface FlowBlock<L extends FlowLine> {
  lines: L[];
  /** Gap above the block; dropped at the top of a page. */
  spaceBefore?: number;
  /** Repeated at the top of the next page when the block is split there (e.g. "Modulus (continued):"). */
  continuation?: L[];
}

export interface PageHeights {
  /** Usable height of the first page. */
  first: number;
  /** Usable height of every further page (below its running header). */
  next: number;
  /** Largest blank left at a page's foot to keep a block whole, as a share of `next`; default 0.5. */
  maxBlank?: number;
}

export interface PlacedLine<L> {
  line: L;
  /** Distance from the top of the page's usable area. */
  top: number;
}

function heightOf(lines: readonly FlowLine[]): number {
  return lines.reduce((sum, l) => sum + l.height, 0);
}

/** Lines per page, each with its offset from the top of the usable area. */
export function paginate<L extends FlowLine>(blocks: readonly FlowBlock<L>[], heights: PageHeights): PlacedLine<L>[][] {
  const pages: PlacedLine<L>[][] = [[]];
  let current: PlacedLine<L>[] = pages[0] ?? [];
  let used = 0;
  let capacity = heights.first;

  const newPage = (): void => {
    current = [];
    pages.push(current);
    used = 0;
    capacity = heights.next;
  };
  const place = (line: L): void => {
    current.push({ line, top: used });
    used += line.height;
  };
  const gap = (block: FlowBlock<L>): number => (current.length === 0 ? 0 : (block.spaceBefore ?? 0));

  for (const block of blocks) {
    const total = heightOf(block.lines);
    if (used + gap(block) + total <= capacity) {
      used += gap(block);
      block.lines.forEach(place);
      continue;
    }
    const blank = capacity - used;
    if (current.length > 0 && total <= heights.next && blank <= (heights.maxBlank ?? 0.5) * heights.next) {
      newPage();
      block.lines.forEach(place);
      continue;
    }
    // Taller than a page: split at the allowed break points.
    let i = 0;
    while (i < block.lines.length) {
      if (i === 0) used += gap(block);
      else (block.continuation ?? []).forEach(place);
      // The longest run i..end-1 that fits and ends where a break is allowed (or at the block's end).
      let end = i;
      let height = 0;
      let best = i;
      while (end < block.lines.length) {
        const line = block.lines[end];
        if (line === undefined || used + height + line.height > capacity) break;
        height += line.height;
        end += 1;
        const next = block.lines[end];
        if (next === undefined || next.breakBefore === true) best = end;
      }
      if (best === i) {
        // On a fresh page (or one holding only the continuation lines) waiting cannot help.
        if (current.length === 0 || i > 0) {
          throw new RangeError('A part of the letter that must not be split is taller than a page');
        }
        newPage();
        continue;
      }
      for (let k = i; k < best; k += 1) {
        const line = block.lines[k];
        if (line !== undefined) place(line);
      }
      i = best;
      if (i < block.lines.length) newPage();
    }
  }
  return pages;
}
