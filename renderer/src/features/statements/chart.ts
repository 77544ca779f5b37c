/**
 * The balance chart's geometry, without React: scales from dates and cents to
 * SVG coordinates, "nice" amount ticks, a few date ticks, and the line's path.
 */
import { addDays, daysBetween } from '../../../../shared/dates';
import type { BalancePoint } from '../../../../shared/statements';

export interface ChartSize {
  width: number;
  height: number;
  /** Room for the amount labels on the left, the date labels below. */
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export const CHART_SIZE: ChartSize = { width: 720, height: 220, left: 92, right: 18, top: 12, bottom: 30 };

export interface ChartPoint extends BalancePoint {
  x: number;
  y: number;
}

export interface ChartGeometry {
  points: ChartPoint[];
  /** The line through the points (`M … L …`); never empty when there is a point. */
  path: string;
  amountTicks: { y: number; cents: number }[];
  dateTicks: { x: number; date: string }[];
  /** Where the zero line is, when zero lies within the amount axis. */
  zeroY: number | null;
  /** The plot area. */
  plot: { x0: number; x1: number; y0: number; y1: number };
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** 1, 2 or 5 times a power of ten, at least `raw` (and at least one cent). */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const factor of [1, 2, 5, 10]) if (factor * power >= raw - 1e-9) return Math.max(1, Math.round(factor * power));
  return Math.max(1, Math.round(10 * power));
}

/** About `count` evenly spaced round amounts covering min…max (cents). */
export function amountTicks(min: number, max: number, count = 5): { from: number; to: number; step: number; ticks: number[] } {
  let lo = Math.min(min, max);
  let hi = Math.max(min, max);
  if (lo === hi) {
    // One value (or a flat line): give it room above and below.
    const pad = Math.max(Math.abs(lo) / 10, 100_00);
    lo -= pad;
    hi += pad;
  }
  const step = niceStep((hi - lo) / Math.max(1, count));
  const from = Math.floor(lo / step) * step;
  const to = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  for (let v = from; v <= to + step / 2; v += step) ticks.push(v === 0 ? 0 : v);
  return { from, to, step, ticks };
}

/** Up to `count` dates from `first` to `last`, evenly spaced in days, without repeats. */
export function dateTicks(first: string, last: string, count = 5): string[] {
  const span = daysBetween(first, last);
  if (span <= 0) return [first];
  const n = Math.min(count, span + 1);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const d = addDays(first, Math.round((i * span) / (n - 1)));
    if (out[out.length - 1] !== d) out.push(d);
  }
  return out;
}

/** Lays out the balance history (any order; one point per date) in `size`. */
export function chartGeometry(history: readonly BalancePoint[], size: ChartSize = CHART_SIZE): ChartGeometry | null {
  if (history.length === 0) return null;
  const sorted = [...history].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const first = sorted[0]!.date;
  const last = sorted[sorted.length - 1]!.date;
  const span = daysBetween(first, last);
  const plot = { x0: size.left, x1: size.width - size.right, y0: size.top, y1: size.height - size.bottom };
  const amounts = sorted.map((p) => p.amountCents);
  const axis = amountTicks(Math.min(...amounts), Math.max(...amounts));

  const x = (date: string) => (span === 0 ? (plot.x0 + plot.x1) / 2 : plot.x0 + (daysBetween(first, date) / span) * (plot.x1 - plot.x0));
  const y = (cents: number) => plot.y1 - ((cents - axis.from) / (axis.to - axis.from)) * (plot.y1 - plot.y0);

  const points = sorted.map((p) => ({ ...p, x: round1(x(p.date)), y: round1(y(p.amountCents)) }));
  const path = points.length === 1 ? `M${points[0]!.x} ${points[0]!.y}h0` : points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x} ${p.y}`).join('');
  return {
    points,
    path,
    amountTicks: axis.ticks.map((cents) => ({ cents, y: round1(y(cents)) })),
    dateTicks: dateTicks(first, last).map((date) => ({ date, x: round1(x(date)) })),
    zeroY: axis.from <= 0 && axis.to >= 0 ? round1(y(0)) : null,
    plot,
  };
}
