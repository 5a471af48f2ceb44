import type { ReactNode } from 'react'

/** A headline figure with its label; the figure is text, so screen readers read it. */
export function Stat({ label, value, hint }: { label: string; value: ReactNode; hint?: ReactNode }) {
  return (
    <div className="stat">
      <dt className="stat__label">{label}</dt>
      <dd className="stat__value">{value}</dd>
      {hint ? <dd className="stat__hint">{hint}</dd> : null}
    </div>
  )
}

export function StatGrid({ children, label }: { children: ReactNode; label: string }) {
  return (
    <dl className="stat-grid" aria-label={label}>
      {children}
    </dl>
  )
}
