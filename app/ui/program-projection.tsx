import { Form } from '@remix-run/react'
import { formatCents } from '~/domain/money'
import type { ProcedureProjection } from '~/domain/savings/program-projection'
import { countOf, formatCount, formatPercent } from './format'
import { ErrorList } from './primitives/error-list'
import { Stat, StatGrid } from './primitives/stat'
import { SpendChart } from './spend-chart'
import { TableWrap } from './table-wrap'

export interface ProjectionView {
  members: number
  unknownZip: number
  noPlan: number
  adoptionRate: number
  incidence: Record<string, number>
  nationalPrices: Record<string, number>
  rows: ReadonlyArray<ProcedureProjection & { name: string }>
  total: { expectedCases: number; programCases: number; spendWithoutProgramCents: number; spendWithProgramCents: number; netSavingsCents: number }
}

const cases = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 })
const money = (cents: number) => formatCents(cents, { wholeDollars: true })

/**
 * DESIGN §4's projection on the employer's own roster: the assumptions as an editable form (a GET,
 * so the figures live in the URL), headline figures, a table per procedure and the spend chart.
 */
export function ProgramProjection({
  projection,
  errors,
  query,
  version,
  saveIntent,
}: {
  projection: ProjectionView | null
  errors: Record<string, string>
  query: Record<string, string>
  version: number | null
  /** Set on a broker's scenario: the assumptions are saved with it (a POST) rather than kept in the URL. */
  saveIntent?: string
}) {
  if (!projection) return null
  const savingsRate = projection.total.spendWithoutProgramCents === 0 ? null : projection.total.netSavingsCents / projection.total.spendWithoutProgramCents
  return (
    <section className="card" aria-labelledby="projection-heading" id="projection">
      <h2 id="projection-heading">Projection for a year</h2>
      <p className="muted">
        On your {formatCount(projection.members)} covered members today, this version's network, prices and rules. Each expected case goes to the nearest
        center in the network, with its travel; the others stay outside under the rule for outside care.
        {projection.unknownZip > 0 ? ` ${countOf(projection.unknownZip, 'member')} with a ZIP code we cannot place ${projection.unknownZip === 1 ? 'is' : 'are'} left out.` : ''}
        {projection.noPlan > 0 ? ` ${countOf(projection.noPlan, 'member')} without a health plan ${projection.noPlan === 1 ? 'is' : 'are'} left out.` : ''}
      </p>
      {projection.rows.length === 0 ? (
        <p className="empty">Choose procedures to see a projection.</p>
      ) : (
        <>
          <StatGrid label="Projected figures">
            <Stat label="Expected cases" value={cases(projection.total.expectedCases)} />
            <Stat label="Cases in the program" value={cases(projection.total.programCases)} />
            <Stat label="Spend without the program" value={money(projection.total.spendWithoutProgramCents)} />
            <Stat label="Spend with the program" value={money(projection.total.spendWithProgramCents)} />
            <Stat label="Net savings" value={money(projection.total.netSavingsCents)} hint={savingsRate === null ? undefined : `${formatPercent(savingsRate, 1)} of spend`} />
          </StatGrid>
          <TableWrap label="Projection by procedure">
            <table className="table">
              <caption className="visually-hidden">Projection by procedure</caption>
              <thead>
                <tr>
                  <th scope="col">Procedure</th>
                  <th scope="col" className="num">Expected cases</th>
                  <th scope="col" className="num">In the program</th>
                  <th scope="col" className="num">Spend without</th>
                  <th scope="col" className="num">Spend with</th>
                  <th scope="col" className="num">Net savings</th>
                  <th scope="col" className="num">Members within 50 / 100 / 250 mi</th>
                </tr>
              </thead>
              <tbody>
                {projection.rows.map((row) => (
                  <tr key={row.code}>
                    <th scope="row">{row.name}</th>
                    <td className="num">{cases(row.expectedCases)}</td>
                    <td className="num">{cases(row.programCases)}</td>
                    <td className="num">{money(row.spendWithoutProgramCents)}</td>
                    <td className="num">{money(row.spendWithProgramCents)}</td>
                    <td className="num">
                      {money(row.netSavingsCents)}
                      {row.savingsRate === null ? '' : ` (${formatPercent(row.savingsRate, 1)})`}
                    </td>
                    <td className="num">
                      {formatPercent(row.access.within50)} / {formatPercent(row.access.within100)} / {formatPercent(row.access.within250)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <SpendChart
            title="Spend without and with the program"
            bars={[
              ...projection.rows.map((row) => ({ label: row.name, withoutCents: row.spendWithoutProgramCents, withCents: row.spendWithProgramCents })),
              ...(projection.rows.length > 1
                ? [{ label: 'Total', withoutCents: projection.total.spendWithoutProgramCents, withCents: projection.total.spendWithProgramCents }]
                : []),
            ]}
          />
        </>
      )}
      <h3>Assumptions</h3>
      <Form method={saveIntent ? 'post' : 'get'} className="form-grid" preventScrollReset>
        {saveIntent ? <input type="hidden" name="intent" value={saveIntent} /> : null}
        {version !== null ? <input type="hidden" name="version" value={version} /> : null}
        <div className="field">
          <label htmlFor="adoption">Adoption rate (% of expected cases that use the program)</label>
          <input
            id="adoption"
            name="adoption"
            inputMode="decimal"
            defaultValue={query.adoption ?? String(Math.round(projection.adoptionRate * 1000) / 10)}
            aria-invalid={errors.adoption ? true : undefined}
            aria-describedby={errors.adoption ? 'adoption-error' : undefined}
          />
          <ErrorList id="adoption-error" errors={errors.adoption ? [errors.adoption] : undefined} />
        </div>
        {(saveIntent ? [] : projection.rows).map((row) => {
          const name = `incidence_${row.code}`
          return (
            <div className="field" key={row.code}>
              <label htmlFor={name}>{row.name}: cases a year per 1,000 members</label>
              <input
                id={name}
                name={name}
                inputMode="decimal"
                defaultValue={query[name] ?? String(projection.incidence[row.code])}
                aria-invalid={errors[name] ? true : undefined}
                aria-describedby={errors[name] ? `${name}-error` : undefined}
              />
              <ErrorList id={`${name}-error`} errors={errors[name] ? [errors[name]] : undefined} />
            </div>
          )
        })}
        <ul className="span-all small muted">
          <li>
            Typical local price outside the program: the median for each member's state (national when a state has none)
            {projection.rows.length > 0
              ? `; nationally ${projection.rows
                  .map((row) => `${row.name} ${projection.nationalPrices[row.code] === undefined ? 'not known' : money(projection.nationalPrices[row.code]!)}`)
                  .join(', ')}`
              : ''}
            .
          </li>
          <li>Members have paid nothing toward their deductible or out-of-pocket maximum yet (the start of a plan year).</li>
          <li>Members covered alone use their plan's individual terms; anyone covering dependents the family terms.</li>
        </ul>
        <div className="form-actions span-all">
          <button type="submit" className="button">
            {saveIntent ? 'Save assumptions' : 'Recalculate'}
          </button>
        </div>
      </Form>
    </section>
  )
}
