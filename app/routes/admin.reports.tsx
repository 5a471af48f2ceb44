import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { requirePermission } from '~/auth/guard.server'
import { toIsoDate } from '~/domain/dates'
import { formatCents } from '~/domain/money'
import { parseReportQuery } from '~/forms/report'
import { getPlatformReport } from '~/services/dashboard.server'
import { MoneyBarChart } from '~/ui/charts'
import { countOf, formatCount } from '~/ui/format'
import { Stat, StatGrid } from '~/ui/primitives/stat'
import { PeriodFields } from '~/ui/period-fields'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'
import { TableWrap } from '~/ui/table-wrap'

export const meta: MetaFunction = () => [{ title: 'Reports · Platform · COE Marketplace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'audit:read')
  const { query } = parseReportQuery(new URL(request.url).searchParams, toIsoDate(new Date()))
  return getPlatformReport(query)
}

const money = (cents: number) => formatCents(cents, { wholeDollars: true })

export default function PlatformReportsRoute() {
  const r = useLoaderData<typeof loader>()
  return (
    <>
      <h1>Marketplace reports</h1>
      <Form method="get" className="card form-grid" aria-label="Period">
        <PeriodFields from={r.query.from} to={r.query.to} />
        <div className="form-actions">
          <button type="submit" className="button">
            Show
          </button>
        </div>
      </Form>
      <StatGrid label="Across employers">
        <Stat label="Members who searched" value={formatCount(r.searched)} />
        <Stat label="Care requests" value={formatCount(r.requests)} />
        <Stat label="Completed cases" value={formatCount(r.outcomes.completed)} />
        <Stat label="Realized savings" value={money(r.savings.savingsCents)} />
        <Stat label="Invoiced" value={money(r.spend.bundle + r.spend.travel + r.spend.incentive + r.spend.platformFee)} />
      </StatGrid>
      <section className="card" aria-labelledby="employers-heading">
        <h2 id="employers-heading">By employer</h2>
        <MoneyBarChart title="Realized savings by employer" data={r.byEmployer.map((e) => ({ label: e.name, savings: e.savingsCents }))} series={[{ key: 'savings', label: 'Realized savings', color: '#1d7a46' }]} />
        <TableWrap label="Completed cases and savings by employer">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Employer</th>
                <th scope="col" className="num">Completed cases</th>
                <th scope="col" className="num">Realized savings</th>
              </tr>
            </thead>
            <tbody>
              {r.byEmployer.map((e) => (
                <tr key={e.name}>
                  <th scope="row">{e.name}</th>
                  <td className="num">{e.cases}</td>
                  <td className="num">{money(e.savingsCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
        {r.employersNotShown > 0 ? (
          <p className="small muted">
            The {countOf(r.byEmployer.length, 'employer')} with the most realized savings; {countOf(r.employersNotShown, 'more employer', 'more employers')} had completed cases in the period.
          </p>
        ) : null}
      </section>
      <div className="grid-2">
        <section className="card" aria-labelledby="supply-heading">
          <h2 id="supply-heading">Supply: active offers by state and procedure</h2>
          <TableWrap label="Active offers by state and procedure">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">State</th>
                  {r.supplyCodes.map((code) => (
                    <th key={code} scope="col" className="num">
                      {code}
                    </th>
                  ))}
                  <th scope="col" className="num">
                    All
                  </th>
                </tr>
              </thead>
              <tbody>
                {r.supply.map((s) => (
                  <tr key={s.state}>
                    <th scope="row">{s.state}</th>
                    {r.supplyCodes.map((code) => (
                      <td key={code} className="num">
                        {s.offers[code] ?? 0}
                      </td>
                    ))}
                    <td className="num">{s.total}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </section>
        <section className="card" aria-labelledby="demand-heading">
          <h2 id="demand-heading">Demand: searches by procedure and ZIP3</h2>
          {r.demand.length === 0 ? (
            <p className="empty">No searches in the period.</p>
          ) : (
            <TableWrap label="Searches by procedure and ZIP area">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Procedure</th>
                    <th scope="col">ZIP area</th>
                    <th scope="col" className="num">Searches</th>
                  </tr>
                </thead>
                <tbody>
                  {r.demand.map((d) => (
                    <tr key={`${d.code}-${d.zip3}`}>
                      <th scope="row">{d.code}</th>
                      <td>{d.zip3}xx</td>
                      <td className="num">{d.searches}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
        </section>
      </div>
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />
}
