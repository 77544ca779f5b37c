import { useMemo } from 'react';
import type { BalancePoint } from '../../../../shared/statements';
import { formatAmount } from '../../../../shared/money';
import { useI18n } from '../../i18n/I18nProvider';
import { CHART_SIZE, chartGeometry } from './chart';

interface Props {
  history: readonly BalancePoint[];
  currency: string;
  accountLabel: string;
}

/** The closing balance per day as a line, drawn by hand in SVG. */
export function BalanceChart({ history, currency, accountLabel }: Props) {
  const { t, amount, date, locale } = useI18n();
  const geometry = useMemo(() => chartGeometry(history), [history]);
  if (!geometry) return <p className="muted">{t('statements.chartEmpty')}</p>;

  const { plot } = geometry;
  const first = geometry.points[0]!;
  const last = geometry.points[geometry.points.length - 1]!;
  // Axis labels without cents when the ticks are whole amounts.
  const tickLabel = (cents: number) => {
    const text = formatAmount(cents, locale);
    return cents % 100 === 0 ? text.slice(0, -3) : text;
  };
  const label = t('statements.chartLabel', {
    account: accountLabel,
    count: geometry.points.length,
    from: date(first.date),
    to: date(last.date),
    first: amount(first.amountCents, currency),
    last: amount(last.amountCents, currency),
  });

  return (
    <svg className="balance-chart" viewBox={`0 0 ${CHART_SIZE.width} ${CHART_SIZE.height}`} role="img" aria-label={label} data-testid="balance-chart">
      <g className="chart-grid" aria-hidden="true">
        {geometry.amountTicks.map((tick) => (
          <g key={tick.cents}>
            <line x1={plot.x0} x2={plot.x1} y1={tick.y} y2={tick.y} />
            <text x={plot.x0 - 6} y={tick.y} dy="0.32em" textAnchor="end">
              {tickLabel(tick.cents)}
            </text>
          </g>
        ))}
        {geometry.dateTicks.map((tick, i) => (
          <text
            key={tick.date}
            x={tick.x}
            y={plot.y1 + 18}
            textAnchor={geometry.dateTicks.length === 1 ? 'middle' : i === 0 ? 'start' : i === geometry.dateTicks.length - 1 ? 'end' : 'middle'}
          >
            {date(tick.date)}
          </text>
        ))}
        <line className="chart-axis" x1={plot.x0} x2={plot.x1} y1={plot.y1} y2={plot.y1} />
        <line className="chart-axis" x1={plot.x0} x2={plot.x0} y1={plot.y0} y2={plot.y1} />
        {geometry.zeroY !== null && <line className="chart-zero" x1={plot.x0} x2={plot.x1} y1={geometry.zeroY} y2={geometry.zeroY} />}
      </g>
      <path className="chart-line" d={geometry.path} data-testid="balance-line" />
      <g className="chart-points">
        {geometry.points.map((p) => (
          <circle
            key={p.date}
            className={p.amountCents < 0 ? 'chart-point negative' : 'chart-point'}
            cx={p.x}
            cy={p.y}
            r={geometry.points.length > 120 ? 2 : 3.5}
          >
            <title>{`${date(p.date)}: ${amount(p.amountCents, currency)}`}</title>
          </circle>
        ))}
      </g>
    </svg>
  );
}
