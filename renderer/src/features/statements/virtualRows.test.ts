import { describe, expect, it } from 'vitest';
import { movedSelection, pagesOf, pagesToDrop, scrollTopToReveal, visibleRange } from './virtualRows';

describe('visibleRange', () => {
  const base = { rowHeight: 30, viewportHeight: 300, overscan: 5 };

  it('shows the first rows at the top, with overscan below only', () => {
    expect(visibleRange({ ...base, scrollTop: 0, total: 100_000 })).toEqual({ start: 0, end: 16 });
  });

  it('renders a small window deep inside 100,000 rows', () => {
    // Row 50,000 starts at 1,500,000 px.
    const range = visibleRange({ ...base, scrollTop: 1_500_000, total: 100_000 });
    expect(range).toEqual({ start: 49_995, end: 50_016 });
    expect(range.end - range.start).toBeLessThan(30);
  });

  it('counts a partly visible row and a row scrolled half out', () => {
    expect(visibleRange({ ...base, overscan: 0, scrollTop: 15, total: 100 })).toEqual({ start: 0, end: 11 });
  });

  it('stops at the end and at the start', () => {
    expect(visibleRange({ ...base, scrollTop: 29_990, total: 1000 })).toEqual({ start: 994, end: 1000 });
    expect(visibleRange({ ...base, scrollTop: 10_000_000, total: 1000 })).toEqual({ start: 994, end: 1000 });
    expect(visibleRange({ ...base, scrollTop: -50, total: 1000 })).toEqual({ start: 0, end: 16 });
  });

  it('renders all of a short list, and nothing of an empty one', () => {
    expect(visibleRange({ ...base, scrollTop: 0, total: 3 })).toEqual({ start: 0, end: 3 });
    expect(visibleRange({ ...base, scrollTop: 0, total: 0 })).toEqual({ start: 0, end: 0 });
  });

  it('shows at least one row before the viewport is measured', () => {
    expect(visibleRange({ ...base, overscan: 0, viewportHeight: 0, scrollTop: 0, total: 10 })).toEqual({ start: 0, end: 1 });
  });
});

describe('scrollTopToReveal', () => {
  it('leaves a visible row where it is', () => {
    expect(scrollTopToReveal(5, 0, 300, 30)).toBe(0);
  });
  it('scrolls up to a row above', () => {
    expect(scrollTopToReveal(2, 300, 300, 30)).toBe(60);
  });
  it('scrolls down just enough for a row below', () => {
    // Row 10 ends at 330: 30 px more.
    expect(scrollTopToReveal(10, 0, 300, 30)).toBe(30);
  });
});

describe('movedSelection', () => {
  it('moves with the arrows, pages and ends, within the rows', () => {
    expect(movedSelection('ArrowDown', -1, 50, 10)).toBe(0);
    expect(movedSelection('ArrowDown', 3, 50, 10)).toBe(4);
    expect(movedSelection('ArrowUp', 0, 50, 10)).toBe(0);
    expect(movedSelection('ArrowDown', 49, 50, 10)).toBe(49);
    expect(movedSelection('PageDown', 0, 50, 10)).toBe(9);
    expect(movedSelection('PageUp', 5, 50, 10)).toBe(0);
    expect(movedSelection('End', 5, 50, 10)).toBe(49);
    expect(movedSelection('Home', 5, 50, 10)).toBe(0);
  });
  it('ignores other keys and empty tables', () => {
    expect(movedSelection('a', 3, 50, 10)).toBeUndefined();
    expect(movedSelection('ArrowDown', -1, 0, 10)).toBeUndefined();
  });
});

describe('pages', () => {
  it('names the pages a range needs', () => {
    expect(pagesOf({ start: 0, end: 16 }, 200)).toEqual([0]);
    expect(pagesOf({ start: 190, end: 215 }, 200)).toEqual([0, 1]);
    expect(pagesOf({ start: 200, end: 200 }, 200)).toEqual([]);
    expect(pagesOf({ start: 399, end: 400 }, 200)).toEqual([1]);
  });

  it('drops the farthest pages first and never the ones on screen', () => {
    expect(pagesToDrop([0, 1, 2], 1, 8)).toEqual([]);
    expect(pagesToDrop([0, 1, 2, 3, 40, 41], 41, 4, [41])).toEqual([0, 1]);
    expect(pagesToDrop([10, 11, 12, 13], 0, 2, [12, 13])).toEqual([11, 10]);
  });
});
