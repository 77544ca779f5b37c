import { describe, expect, it } from 'vitest';
import { amountTicks, CHART_SIZE, chartGeometry, dateTicks, niceStep } from './chart';

describe('amount ticks', () => {
  it('use 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(1_234)).toBe(2_000);
    expect(niceStep(4_100_00)).toBe(5_000_00);
    expect(niceStep(1_000)).toBe(1_000);
    expect(niceStep(0.3)).toBe(1);
  });

  it('cover the range with round amounts, through zero for negative balances', () => {
    const axis = amountTicks(-12_345_67, 48_000_00);
    expect(axis.from).toBeLessThanOrEqual(-12_345_67);
    expect(axis.to).toBeGreaterThanOrEqual(48_000_00);
    expect(axis.ticks).toContain(0);
    expect(axis.ticks.length).toBeGreaterThanOrEqual(4);
    expect(axis.ticks.length).toBeLessThanOrEqual(8);
    for (const t of axis.ticks) expect(Math.abs(t % axis.step)).toBe(0);
  });

  it('give a single value room', () => {
    const axis = amountTicks(5_000_00, 5_000_00);
    expect(axis.from).toBeLessThan(5_000_00);
    expect(axis.to).toBeGreaterThan(5_000_00);
  });
});

describe('date ticks', () => {
  it('spread a few dates over the period, first and last included', () => {
    expect(dateTicks('2026-01-01', '2026-01-31')).toEqual(['2026-01-01', '2026-01-09', '2026-01-16', '2026-01-24', '2026-01-31']);
    expect(dateTicks('2026-01-01', '2026-01-02')).toEqual(['2026-01-01', '2026-01-02']);
    expect(dateTicks('2026-01-01', '2026-01-01')).toEqual(['2026-01-01']);
  });
});

describe('chartGeometry', () => {
  it('draws nothing for an empty history', () => {
    expect(chartGeometry([])).toBeNull();
  });

  it('draws one point in the middle with a non-empty path', () => {
    const g = chartGeometry([{ date: '2026-03-02', amountCents: 1_000_00 }])!;
    expect(g.points).toHaveLength(1);
    expect(g.points[0]!.x).toBe((CHART_SIZE.left + CHART_SIZE.width - CHART_SIZE.right) / 2);
    expect(g.path).toMatch(/^M[0-9.]+ [0-9.]+h0$/);
    expect(g.points[0]!.y).toBeGreaterThan(g.plot.y0);
    expect(g.points[0]!.y).toBeLessThan(g.plot.y1);
  });

  it('sorts by date, scales by days and puts higher balances higher', () => {
    const g = chartGeometry([
      { date: '2026-03-11', amountCents: -500_00 },
      { date: '2026-03-01', amountCents: 2_000_00 },
      { date: '2026-03-03', amountCents: 1_000_00 },
    ])!;
    expect(g.points.map((p) => p.date)).toEqual(['2026-03-01', '2026-03-03', '2026-03-11']);
    expect(g.points[0]!.x).toBe(g.plot.x0);
    expect(g.points[2]!.x).toBe(g.plot.x1);
    // 2 of 10 days.
    expect(g.points[1]!.x).toBeCloseTo(g.plot.x0 + 0.2 * (g.plot.x1 - g.plot.x0), 0);
    expect(g.points[0]!.y).toBeLessThan(g.points[1]!.y);
    expect(g.points[1]!.y).toBeLessThan(g.points[2]!.y);
    expect(g.zeroY).not.toBeNull();
    expect(g.zeroY!).toBeGreaterThan(g.points[1]!.y);
    expect(g.zeroY!).toBeLessThan(g.points[2]!.y);
    expect(g.path.startsWith(`M${g.points[0]!.x} ${g.points[0]!.y}L`)).toBe(true);
    for (const p of g.points) {
      expect(p.y).toBeGreaterThanOrEqual(g.plot.y0);
      expect(p.y).toBeLessThanOrEqual(g.plot.y1);
    }
  });

  it('has no zero line when all balances are far above zero', () => {
    const g = chartGeometry([
      { date: '2026-03-01', amountCents: 1_000_000_00 },
      { date: '2026-03-02', amountCents: 1_000_500_00 },
    ])!;
    expect(g.zeroY).toBeNull();
  });
});
