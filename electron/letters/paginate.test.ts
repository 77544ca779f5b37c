import { describe, expect, it } from 'vitest';
import { paginate, type FlowBlock, type FlowLine } from './paginate';

interface TestLine extends FlowLine {
  name: string;
}

function lines(prefix: string, count: number, height = 10, breakable = false): TestLine[] {
  return Array.from({ length: count }, (_, i) => ({ name: `${prefix}${i}`, height, breakBefore: breakable && i > 0 }));
}

function names(pages: ReturnType<typeof paginate<TestLine>>): string[][] {
  return pages.map((page) => page.map((p) => p.line.name));
}

describe('paginate', () => {
  it('keeps blocks that fit on one page, with their gap, and offsets growing from 0', () => {
    const blocks: FlowBlock<TestLine>[] = [{ lines: lines('a', 3) }, { lines: lines('b', 2), spaceBefore: 5 }];
    const pages = paginate(blocks, { first: 100, next: 100 });
    expect(names(pages)).toEqual([['a0', 'a1', 'a2', 'b0', 'b1']]);
    expect(pages[0]?.map((p) => p.top)).toEqual([0, 10, 20, 35, 45]);
  });

  it('moves a block that does not fit to the next page as a whole and drops its gap there', () => {
    const blocks: FlowBlock<TestLine>[] = [{ lines: lines('a', 6) }, { lines: lines('b', 5, 10, true), spaceBefore: 8 }];
    const pages = paginate(blocks, { first: 100, next: 80 });
    expect(names(pages)).toEqual([
      ['a0', 'a1', 'a2', 'a3', 'a4', 'a5'],
      ['b0', 'b1', 'b2', 'b3', 'b4'],
    ]);
    expect(pages[1]?.[0]?.top).toBe(0);
  });

  it('splits a block that fits a page rather than leave more than half of the current page blank', () => {
    const body = lines('m', 8, 10, true);
    const pages = paginate([{ lines: lines('t', 3) }, { lines: body, continuation: [{ name: 'cont', height: 10 }] }], {
      first: 100,
      next: 100,
    });
    // 70 points free on page 1: the block (80) would fit on page 2, but starts here.
    expect(names(pages)).toEqual([
      ['t0', 't1', 't2', 'm0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6'],
      ['cont', 'm7'],
    ]);
    const whole = paginate([{ lines: lines('t', 3) }, { lines: body }], { first: 100, next: 100, maxBlank: 0.8 });
    expect(names(whole)[1]).toEqual(body.map((l) => l.name));
  });

  it('splits a block taller than a page only where a break is allowed, repeating the continuation lines', () => {
    const body = lines('m', 12);
    body.forEach((l, i) => (l.breakBefore = i >= 2 && i <= 10));
    const block: FlowBlock<TestLine> = {
      lines: [{ name: 'head', height: 10 }, ...body, { name: 'hash', height: 10 }],
      continuation: [{ name: 'cont', height: 10 }],
    };
    const pages = paginate([{ lines: lines('t', 4) }, block], { first: 100, next: 60 });
    expect(names(pages)).toEqual([
      ['t0', 't1', 't2', 't3', 'head', 'm0', 'm1', 'm2', 'm3', 'm4'],
      ['cont', 'm5', 'm6', 'm7', 'm8', 'm9'],
      ['cont', 'm10', 'm11', 'hash'],
    ]);
    // Nothing lost, nothing doubled.
    const all = names(pages)
      .flat()
      .filter((n) => n !== 'cont' && !n.startsWith('t'));
    expect(all).toEqual(block.lines.map((l) => l.name));
  });

  it('starts a split block on a new page when not even its first unbreakable run fits', () => {
    const block: FlowBlock<TestLine> = { lines: [{ name: 'h', height: 30 }, ...lines('m', 10, 10, true)] };
    const pages = paginate([{ lines: lines('t', 8) }, block], { first: 100, next: 100 });
    expect(names(pages)[0]).toEqual(['t0', 't1', 't2', 't3', 't4', 't5', 't6', 't7']);
    expect(names(pages)[1]?.[0]).toBe('h');
    expect(names(pages).flat()).toHaveLength(19);
  });

  it('throws when an unbreakable part is taller than a page', () => {
    expect(() => paginate([{ lines: lines('x', 11) }], { first: 100, next: 100 })).toThrow(RangeError);
  });
});
