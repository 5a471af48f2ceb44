import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { requireEmployerAccess } from '~/auth/guard.server'
import { caseStateLabel } from '~/domain/cases/case-flow'
import { toIsoDate } from '~/domain/dates'
import { formatCents } from '~/domain/money'
import { parseReportQuery } from '~/forms/report'
import { readFlash } from '~/http/flash.server'
import { getEmployerDashboard } from '~/services/dashboard.server'
import { employerExportsView } from '~/services/report-exports.server'
import { MoneyBarChart } from '~/ui/charts'
import { formatCount, formatDate, formatPercent } from '~/ui/format'
import { Stat, StatGrid } from '~/ui/primitives/stat'
import { PeriodFields } from '~/ui/period-fields'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'
import { TableWrap } from '~/ui/table-wrap'
import { OfferLabels } from '~/ui/offer-labels'
import { fileRequestedNote, PreparedFile, useRefreshWhilePreparing } from '~/ui/prepared-file'
import { useVisitNote } from '~/ui/use-visit-note'

export const meta: MetaFunction = () => [{ title: 'Dashboard · Employer · COE Marketplace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireEmployerAccess(request, 'employer:read')
  const { query, errors } = parseReportQuery(new URL(request.url).searchParams, toIsoDate(new Date()))
  const [dashboard, exports] = await Promise.all([getEmployerDashboard(scope, query), employerExportsView(scope, query)])
  const { note, headers } = await readFlash(request)
  return data({ errors, ...dashboard, exports, note }, { headers })
}

const EXPORT_FINISHED = 'The export has finished: its download link, or what went wrong, is below.'
const NOTES: Record<string, string> = {
  'export-requested': 'The export is being prepared: its download link appears below when it is ready.',
  'export-missing': 'That export is not prepared yet for this period (or was prepared more than 7 days ago): prepare it below.',
}

const money = (cents: number) => formatCents(cents, { wholeDollars: true })
const pct = (rate: number | null, digits = 1) => (rate === null ? '—' : formatPercent(rate, digits))

export default function DashboardRoute() {
  const d = useLoaderData<typeof loader>()
  const search = new URLSearchParams({ from: d.query.from, to: d.query.to, ...(d.query.programId ? { program: d.query.programId } : {}) }).toString()
  const spendTotal = d.spend.bundle + d.spend.travel + d.spend.incentive + d.spend.platformFee
  useRefreshWhilePreparing(Object.values(d.exports))
  const flash = useVisitNote(d.note)
  const note = flash === 'export-requested' ? fileRequestedNote(Object.values(d.exports), { preparing: NOTES[flash]!, finished: EXPORT_FINISHED }) : flash ? NOTES[flash] : undefined
  return (
    <>
      <h1>Dashboard</h1>
      <p className="lead">
        Your program's use, spend and savings, computed one documented way: <Link to="/employer/savings-method">how savings are calculated</Link>.
      </p>
      <Form method="get" className="card form-grid" aria-label="Period and program">
        <PeriodFields from={d.query.from} to={d.query.to} />
        <div className="field">
          <label htmlFor="program">Program</label>
          <select id="program" name="program" defaultValue={d.query.programId ?? ''}>
            <option value="">All programs</option>
            {d.programs.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="form-actions">
          <button type="submit" className="button">
            Show
          </button>
        </div>
        {d.errors.length ? (
          <ul role="alert" className="error-list span-all">
            {d.errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        ) : null}
      </Form>
      <StatGrid label="Headline figures">
        <Stat label="Eligible members" value={formatCount(d.eligible)} />
        <Stat label="Members who searched" value={formatCount(d.searched)} />
        <Stat label="Care requests" value={formatCount(d.requests)} />
        <Stat label="Completed cases" value={formatCount(d.outcomes.completed)} />
        <Stat label="Realized savings" value={money(d.savings.savingsCents)} hint={`${d.savings.pricedCases} priced cases`} />
        <Stat
          label="Projected savings for the period"
          value={money(d.projection.totalCents)}
          hint={`Programs on the days they are in force, each procedure once: ${d.projection.periodDays} days`}
        />
      </StatGrid>
      <div className="grid-2">
        <section className="card" aria-labelledby="spend-heading">
          <h2 id="spend-heading">Spend: {money(spendTotal)}</h2>
          <MoneyBarChart
            title="Invoiced in the period, by kind"
            data={[
              { label: 'Bundles', amount: d.spend.bundle },
              { label: 'Travel', amount: d.spend.travel },
              { label: 'Incentives', amount: d.spend.incentive },
              { label: 'Fees', amount: d.spend.platformFee },
            ]}
            series={[{ key: 'amount', label: 'Invoiced', color: '#0b5c8e' }]}
          />
          <table className="table">
            <caption className="visually-hidden">Spend by kind</caption>
            <tbody>
              <tr>
                <th scope="row">Bundled prices</th>
                <td className="num">{money(d.spend.bundle)}</td>
              </tr>
              <tr>
                <th scope="row">Travel (actual)</th>
                <td className="num">{money(d.spend.travel)}</td>
              </tr>
              <tr>
                <th scope="row">Completion incentives</th>
                <td className="num">{money(d.spend.incentive)}</td>
              </tr>
              <tr>
                <th scope="row">Platform fees</th>
                <td className="num">{money(d.spend.platformFee)}</td>
              </tr>
            </tbody>
          </table>
        </section>
        <section className="card" aria-labelledby="savings-heading">
          <h2 id="savings-heading">Savings: realized and projected</h2>
          <MoneyBarChart
            title="Realized savings of completed cases beside the program projection for the same period"
            data={[{ label: 'This period', realized: d.savings.savingsCents, projected: d.projection.totalCents }]}
            series={[
              { key: 'realized', label: 'Realized', color: '#1d7a46' },
              { key: 'projected', label: 'Projected', color: '#9aa5b4' },
            ]}
          />
          <TableWrap label="Savings by procedure">
            <table className="table">
              <caption className="visually-hidden">Savings by procedure</caption>
              <thead>
                <tr>
                  <th scope="col">Procedure</th>
                  <th scope="col" className="num">
                    Completed
                  </th>
                  <th scope="col" className="num">
                    Paid at centers
                  </th>
                  <th scope="col" className="num">
                    Realized savings
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.byProcedure.map((p) => (
                  <tr key={p.code}>
                    <th scope="row">{p.name}</th>
                    <td className="num">{p.cases}</td>
                    <td className="num">{money(p.employerPaidCents)}</td>
                    <td className="num">{money(p.savingsCents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          {d.savings.unpricedCases > 0 ? (
            <p className="small muted">{d.savings.unpricedCases} completed cases have no typical local price and are left out of savings.</p>
          ) : null}
        </section>
      </div>
      <section className="card" aria-labelledby="projection-heading">
        <h2 id="projection-heading">How the projected savings add up</h2>
        <p>
          Each published program counts only on the days it is in force in this period. Where two programs cover the same procedure on the same day,
          members get the newest version in force (as they do when they look for care), and only that one counts, so each member and procedure counts
          once. A year of net savings from the program's projection (40% of expected cases use the program, your members today) × days ÷ 365.
        </p>
        {d.projection.lines.length === 0 ? (
          <p className="empty">No published program is in force in this period.</p>
        ) : (
          <TableWrap label="Projected savings by program and procedure">
            <table className="table">
              <caption className="visually-hidden">Projected savings by program and procedure</caption>
              <thead>
                <tr>
                  <th scope="col">Program</th>
                  <th scope="col">Procedure</th>
                  <th scope="col">Counted</th>
                  <th scope="col" className="num">Days</th>
                  <th scope="col" className="num">A year</th>
                  <th scope="col" className="num">For the period</th>
                </tr>
              </thead>
              <tbody>
                {d.projection.lines.map((line) => (
                  <tr key={`${line.versionId}|${line.procedureCode}`}>
                    <th scope="row">
                      {line.programName} <span className="muted small">(version {line.version})</span>
                    </th>
                    <td>{line.procedureName}</td>
                    <td>{line.ranges.map((r) => `${formatDate(r.from)} – ${formatDate(r.to)}`).join('; ')}</td>
                    <td className="num">{line.days}</td>
                    <td className="num">{money(line.annualNetSavingsCents)}</td>
                    <td className="num">{money(line.periodCents)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={5}>
                    Projected for {formatDate(d.query.from)} – {formatDate(d.query.to)} ({d.projection.periodDays} days)
                  </th>
                  <td className="num">{money(d.projection.totalCents)}</td>
                </tr>
              </tfoot>
            </table>
          </TableWrap>
        )}
        {d.projection.leftOut.length > 0 ? (
          <>
            <h3>Not counted in this period</h3>
            <ul>
              {d.projection.leftOut.map((v) => (
                <li key={v.versionId}>
                  {v.programName} (version {v.version}):{' '}
                  {v.reason === 'superseded'
                    ? 'a newer published version covers its procedures on every day it is in force.'
                    : v.effectiveFrom > d.query.to
                      ? `starts ${formatDate(v.effectiveFrom)}, after this period.`
                      : `ended ${formatDate(v.effectiveTo)}, before this period.`}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
      <div className="grid-2">
        <section className="card" aria-labelledby="status-heading">
          <h2 id="status-heading">Requests in the period by status</h2>
          <table className="table">
            <tbody>
              {d.byStatus.map((s) => (
                <tr key={s.status}>
                  <th scope="row">{caseStateLabel(s.status)}</th>
                  <td className="num">{s.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>Completed cases by center</h3>
          <table className="table">
            <tbody>
              {d.byCenter.map((c) => (
                <tr key={`${c.name}-${c.state}`}>
                  <th scope="row">
                    {c.name}, {c.state}
                    <OfferLabels isDemo={false} inactiveSince={c.inactiveSince} />
                  </th>
                  <td className="num">{c.cases}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="card" aria-labelledby="outcomes-heading">
          <h2 id="outcomes-heading">Outcomes</h2>
          <TableWrap label="Outcome measures">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Measure</th>
                  <th scope="col" className="num">
                    Your completed cases
                  </th>
                  <th scope="col" className="num">
                    These centers, hip and knee (CMS)
                  </th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <th scope="row">Complication within 90 days</th>
                  <td className="num">{pct(d.outcomes.complicationRate)}</td>
                  <td className="num">{d.outcomes.cmsComplicationPercent === null ? '—' : `${d.outcomes.cmsComplicationPercent.toFixed(1)}%`}</td>
                </tr>
                <tr>
                  <th scope="row">Readmitted</th>
                  <td className="num">{pct(d.outcomes.readmissionRate)}</td>
                  <td className="num">{d.outcomes.cmsReadmissionPercent === null ? '—' : `${d.outcomes.cmsReadmissionPercent.toFixed(1)}%`}</td>
                </tr>
                <tr>
                  <th scope="row">Satisfaction (0–10)</th>
                  <td className="num">{d.outcomes.averageSatisfaction === null ? '—' : d.outcomes.averageSatisfaction.toFixed(1)}</td>
                  <td className="num">—</td>
                </tr>
              </tbody>
            </table>
          </TableWrap>
          <p className="small muted">
            Your rates come from few cases, of every covered procedure, and count only the cases whose 30- or 90-day check-in is recorded; CMS measures complications and readmissions for hip and knee replacement only, so the CMS rates are the averages of the centers where your hip and knee cases were done, over their reporting periods.
          </p>
        </section>
      </div>
      <section className="card" aria-labelledby="exports-heading">
        <h2 id="exports-heading">Exports (CSV)</h2>
        <p className="small muted">
          Each file is prepared in the background for the period above, then kept 7 days. It starts with its header row; its period, columns and method are in the
          text file beside it.
        </p>
        {note ? (
          <p role="status" className="save-status">
            {note}
          </p>
        ) : null}
        <ul className="link-list">
          {EXPORT_LINKS.map(([kind, label]) => (
            <li key={kind}>
              <PreparedFile file={d.exports[kind]} label={`${label} (CSV)`} downloadHref={`/employer/exports/${kind}.csv?${search}`} formAction={`/employer/exports/${kind}.csv?${search}`} canPrepareAgain />{' '}
              · <a href={`/employer/exports/${kind}.method.txt?${search}`}>how to read it<span className="visually-hidden"> ({label.toLowerCase()})</span></a>
            </li>
          ))}
        </ul>
      </section>
    </>
  )
}

/** The CSV exports, each with its method file (app/services/report-exports.server.ts). */
const EXPORT_LINKS = [
  ['cases', 'Cases'],
  ['invoices', 'Invoices'],
  ['savings', 'Realized savings'],
] as const

export function ErrorBoundary() {
  return <RouteErrorBoundary />
}
