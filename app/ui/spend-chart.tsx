import { formatCents } from '~/domain/money'

export interface SpendBar {
  label: string
  withoutCents: number
  withCents: number
}

const BAR = 16
const GAP = 6
/** Each pair of bars has its label on the line above, so a procedure's full name always fits. */
const LABEL_LINE = 20
const GROUP = LABEL_LINE + BAR * 2 + GAP + 16
const WIDTH = 640
const VALUE_ROOM = 110

/**
 * Spend without and with the program as paired horizontal bars (one pair per row), each pair
 * under its label (a procedure's name, or "Total"). The table beside it carries the same numbers;
 * the chart is a picture of them.
 */
export function SpendChart({ bars, title }: { bars: readonly SpendBar[]; title: string }) {
  const max = Math.max(1, ...bars.flatMap((b) => [b.withoutCents, b.withCents]))
  const scale = (cents: number) => Math.max(0, (cents / max) * (WIDTH - VALUE_ROOM))
  const height = bars.length * GROUP + 30
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby="spend-chart-title" width="100%">
        <title id="spend-chart-title">
          {/* One text node: a <title> with several children renders as markup and breaks hydration. */}
          {`${title}: ${bars.map((b) => `${b.label} ${formatCents(b.withoutCents, { wholeDollars: true })} without, ${formatCents(b.withCents, { wholeDollars: true })} with`).join('; ')}`}
        </title>
        {bars.map((bar, i) => {
          const y = i * GROUP + 4
          const top = y + LABEL_LINE
          return (
            <g key={bar.label}>
              <text x={0} y={y + 14} className="chart__label">
                {bar.label}
              </text>
              <rect x={0} y={top} width={scale(bar.withoutCents)} height={BAR} className="chart__bar chart__bar--without" />
              <text x={scale(bar.withoutCents) + 6} y={top + BAR - 3} className="chart__value">
                {formatCents(bar.withoutCents, { wholeDollars: true })}
              </text>
              <rect x={0} y={top + BAR + GAP} width={scale(bar.withCents)} height={BAR} className="chart__bar chart__bar--with" />
              <text x={scale(bar.withCents) + 6} y={top + 2 * BAR + GAP - 3} className="chart__value">
                {formatCents(bar.withCents, { wholeDollars: true })}
              </text>
            </g>
          )
        })}
        <g transform={`translate(0, ${height - 10})`}>
          <rect width={12} height={12} y={-10} className="chart__bar chart__bar--without" />
          <text x={18} className="chart__value">Without the program</text>
          <rect x={190} width={12} height={12} y={-10} className="chart__bar chart__bar--with" />
          <text x={208} className="chart__value">With the program</text>
        </g>
      </svg>
    </figure>
  )
}
