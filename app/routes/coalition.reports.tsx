import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { requireCoalitionAdmin } from '~/auth/guard.server'
import { toIsoDate } from '~/domain/dates'
import { parseCoalitionPeriod } from '~/forms/coalition-report'
import { getCoalitionReport } from '~/services/coalition-reports.server'
import { formatCount } from '~/ui/format'
import { figureText, PooledTable, ReportPeriodForm, SuppressionLegend } from '~/ui/pooled-report'
import { Stat, StatGrid } from '~/ui/primitives/stat'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'

export const meta: MetaFunction = () => [{ title: 'Pooled report · Coalition · COE Marketplace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { coalitionId } = await requireCoalitionAdmin(request)
  const today = toIsoDate(new Date())
  const { period, errors } = parseCoalitionPeriod(new URL(request.url).searchParams, today)
  return { errors, ...(await getCoalitionReport(coalitionId, period, today)) }
}

export default function CoalitionReportsRoute() {
  const r = useLoaderData<typeof loader>()
  const search = new URLSearchParams({ year: String(r.period.year), ...(r.period.quarter ? { quarter: String(r.period.quarter) } : {}) }).toString()
  return (
    <>
      <h1>Pooled report</h1>
      <p className="lead">
        Episodes, spend, savings and outcomes of your member employers together, for {r.period.label}. An employer's episodes count only while it was a
        member. Small counts are hidden so that no employee and no member employer can be recognised.
      </p>
      <ReportPeriodForm period={r.period} years={r.years} errors={r.errors} />
      <StatGrid label="Headline figures">
        <Stat label="Member employers in the period" value={formatCount(r.membersInPeriod)} />
        <Stat label="Employers with episodes" value={formatCount(r.contributingMembers)} />
        <Stat label="Episodes" value={figureText(r.table.total.episodes, 'count')} />
        <Stat label="Realized savings" value={figureText(r.table.total.savingsCents, 'money')} />
      </StatGrid>
      <section className="card" aria-labelledby="pooled-heading">
        <h2 id="pooled-heading">By procedure, {r.period.label}</h2>
        {r.table.rows.length === 0 ? (
          <p className="empty">No member employer completed an episode in this period.</p>
        ) : (
          <>
            <PooledTable table={r.table} label="Pooled figures by procedure" />
            <SuppressionLegend />
          </>
        )}
        <p className="small muted">
          Savings are computed the portal's one documented way, per episode: what it would have cost the employer outside the program (the typical local
          price for the member's state, less what the member would have paid on their plan) minus what the employer paid at the center. Outcomes count only
          the episodes whose 30- or 90-day check-in is recorded.
        </p>
        <p>
          <a href={`/coalition/reports.csv?${search}`} download>
            Download as CSV
          </a>{' '}
          <span className="small muted">(header row first; hidden figures read “fewer than 11” or “not shown”)</span>
        </p>
      </section>
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />
}
