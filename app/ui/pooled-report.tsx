import { Form } from '@remix-run/react'
import type { ReactNode } from 'react'
import { FEWER_THAN_11, hiddenFigureText, type Figure, type FigureKey, type ReportRow, type ReportTable } from '~/domain/coalitions/pooled-report'
import { QUARTERS, type ReportPeriod } from '~/domain/coalitions/report-period'
import { formatCents } from '~/domain/money'
import { formatCount, formatPercent } from './format'
import { TableWrap } from './table-wrap'

type FigureKind = 'count' | 'money' | 'rate' | 'score'

/** The columns of a pooled report, in order, with how each figure reads. */
export const FIGURE_COLUMNS: ReadonlyArray<{ key: FigureKey; label: string; kind: FigureKind }> = [
  { key: 'episodes', label: 'Episodes', kind: 'count' },
  { key: 'paidAtCentersCents', label: 'Paid at centers', kind: 'money' },
  { key: 'typicalCostCents', label: 'Typical local cost', kind: 'money' },
  { key: 'savingsCents', label: 'Realized savings', kind: 'money' },
  { key: 'savingsRate', label: 'Savings %', kind: 'rate' },
  { key: 'complications', label: 'Complications (90 days)', kind: 'count' },
  { key: 'complicationRate', label: 'Complication rate', kind: 'rate' },
  { key: 'readmissions', label: 'Readmissions (30 days)', kind: 'count' },
  { key: 'readmissionRate', label: 'Readmission rate', kind: 'rate' },
  { key: 'averageSatisfaction', label: 'Mean satisfaction (0–10)', kind: 'score' },
]

/** A figure as the page shows it: the number, "fewer than 11", "not shown" or "—". */
export function figureText(figure: Figure, kind: FigureKind): string {
  if (figure.state !== 'shown') return hiddenFigureText(figure) ?? ''
  if (kind === 'count') return formatCount(figure.value)
  if (kind === 'money') return formatCents(figure.value, { wholeDollars: true })
  if (kind === 'rate') return formatPercent(figure.value, 1)
  return figure.value.toFixed(1)
}

function FigureCell({ figure, kind }: { figure: Figure; kind: FigureKind }) {
  return <td className={figure.state === 'shown' ? 'num' : 'num muted'}>{figureText(figure, kind)}</td>
}

/** The pooled figures by procedure with their total (the coalition admin's report). */
export function PooledTable({ table, label }: { table: ReportTable; label: string }) {
  const row = (r: ReportRow) => (
    <>
      <th scope="row">{r.label}</th>
      {FIGURE_COLUMNS.map((c) => (
        <FigureCell key={c.key} figure={r[c.key]} kind={c.kind} />
      ))}
    </>
  )
  return (
    <TableWrap label={label}>
      <table className="table table--figures">
        <caption className="visually-hidden">{label}</caption>
        <thead>
          <tr>
            <th scope="col">Procedure</th>
            {FIGURE_COLUMNS.map((c) => (
              <th key={c.key} scope="col" className="num">
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r) => (
            <tr key={r.key}>{row(r)}</tr>
          ))}
        </tbody>
        <tfoot>
          <tr>{row(table.total)}</tr>
        </tfoot>
      </table>
    </TableWrap>
  )
}

/** How hidden figures read, under every pooled table. */
export function SuppressionLegend() {
  return (
    <p className="small muted">
      <strong>{FEWER_THAN_11}</strong>: a count from 1 to 10, hidden so that no employee and no member employer can be recognised (zero is shown).{' '}
      <strong>not shown</strong>: a figure that rests on fewer than 11 episodes, answers or check-ins, or from which a hidden count could be worked out (for
      instance the total minus the other rows); another row or the total is then hidden too. <strong>—</strong>: nothing to compute (no typical local price, no
      check-in recorded yet).
    </p>
  )
}

/** The period form: a year and, optionally, one quarter (GET, works without JavaScript). */
export function ReportPeriodForm({ period, years, errors, children }: { period: ReportPeriod; years: readonly number[]; errors: readonly string[]; children?: ReactNode }) {
  return (
    <Form method="get" className="card form-grid" aria-label="Period">
      {children}
      <div className="field">
        <label htmlFor="year">Year</label>
        <select id="year" name="year" defaultValue={String(period.year)}>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="quarter">Quarter</label>
        <select id="quarter" name="quarter" defaultValue={period.quarter === null ? '' : String(period.quarter)}>
          <option value="">Whole year</option>
          {QUARTERS.map((q) => (
            <option key={q} value={q}>
              Q{q}
            </option>
          ))}
        </select>
      </div>
      <div className="form-actions">
        <button type="submit" className="button">
          Show
        </button>
      </div>
      {errors.length ? (
        <ul role="alert" className="error-list span-all">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}
    </Form>
  )
}

type MemberRowView = { key: string; label: string; own: ReportRow; others: ReportRow; coalition: ReportRow }

const SIDES = [
  ['own', 'You'],
  ['others', 'Other members together'],
  ['coalition', 'Whole coalition'],
] as const

/** A member employer's totals: each figure for itself, the other members together and the whole coalition. */
export function MemberTotalsTable({ total, label }: { total: MemberRowView; label: string }) {
  return (
    <TableWrap label={label}>
      <table className="table table--figures">
        <caption className="visually-hidden">{label}</caption>
        <thead>
          <tr>
            <th scope="col">Figure</th>
            {SIDES.map(([side, heading]) => (
              <th key={side} scope="col" className="num">
                {heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {FIGURE_COLUMNS.map((c) => (
            <tr key={c.key}>
              <th scope="row">{c.label}</th>
              {SIDES.map(([side]) => (
                <FigureCell key={side} figure={total[side][c.key]} kind={c.kind} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  )
}

const BY_PROCEDURE: ReadonlyArray<{ key: FigureKey; label: string; kind: FigureKind }> = [
  { key: 'episodes', label: 'Episodes', kind: 'count' },
  { key: 'savingsCents', label: 'Realized savings', kind: 'money' },
]

/** A member employer's episodes and savings by procedure, for itself, the other members together and the whole coalition. */
export function MemberProcedureTable({ rows, label }: { rows: readonly MemberRowView[]; label: string }) {
  return (
    <TableWrap label={label}>
      <table className="table table--figures">
        <caption className="visually-hidden">{label}</caption>
        <thead>
          <tr>
            <td />
            {BY_PROCEDURE.map((f) => (
              <th key={f.key} scope="colgroup" colSpan={SIDES.length} className="num">
                {f.label}
              </th>
            ))}
          </tr>
          <tr>
            <th scope="col">Procedure</th>
            {BY_PROCEDURE.flatMap((f) =>
              SIDES.map(([side, heading]) => (
                <th key={`${f.key}-${side}`} scope="col" className="num">
                  {heading}
                </th>
              )),
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              {BY_PROCEDURE.flatMap((f) => SIDES.map(([side]) => <FigureCell key={`${f.key}-${side}`} figure={r[side][f.key]} kind={f.kind} />))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  )
}
