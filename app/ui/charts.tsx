import { useEffect, useState } from 'react'
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { formatCents } from '~/domain/money'

export interface BarSeries {
  key: string
  label: string
  color: string
}

const money = (cents: number) => formatCents(cents, { wholeDollars: true })

/**
 * A bar chart of money (recharts), drawn once the page runs in the browser (it measures its box);
 * the table next to it carries the same numbers for screen readers and for printing, so the chart is
 * hidden from them and takes no keyboard focus (recharts' keyboard layer is off: nothing focusable under aria-hidden).
 */
export function MoneyBarChart({ data, series, title }: { data: ReadonlyArray<Record<string, string | number>>; series: readonly BarSeries[]; title: string }) {
  const [hydrated, setHydrated] = useState(false)
  useEffect(() => setHydrated(true), [])
  return (
    <figure className="money-chart" aria-hidden="true">
      {hydrated ? (
        <ResponsiveContainer width="100%" height={260}>
          <BarChart data={[...data]} margin={{ top: 8, right: 8, bottom: 8, left: 8 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={{ fontSize: 12 }} />
            <YAxis tickFormatter={(v: number) => money(v)} tick={{ fontSize: 12 }} width={90} />
            <Tooltip formatter={(v) => money(Number(v))} />
            <Legend />
            {series.map((s) => (
              <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      ) : (
        <div style={{ height: 260 }} />
      )}
      <figcaption className="small muted">{title}</figcaption>
    </figure>
  )
}
