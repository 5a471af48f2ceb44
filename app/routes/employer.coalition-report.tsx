import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { requireEmployerAccess } from '~/auth/guard.server'
import { toIsoDate } from '~/domain/dates'
import { hasControlCharacter } from '~/domain/text'
import { parseCoalitionPeriod } from '~/forms/coalition-report'
import { getMemberCoalitionReport } from '~/services/coalition-reports.server'
import { formatCount, formatDate } from '~/ui/format'
import { MemberProcedureTable, MemberTotalsTable, ReportPeriodForm, SuppressionLegend } from '~/ui/pooled-report'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'

export const meta: MetaFunction = () => [{ title: 'Coalition report · Employer · COE Marketplace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireEmployerAccess(request, 'employer:read')
  const today = toIsoDate(new Date())
  const params = new URL(request.url).searchParams
  const { period, errors } = parseCoalitionPeriod(params, today)
  const coalitionId = params.get('coalition')
  return { errors, ...(await getMemberCoalitionReport(scope, coalitionId && !hasControlCharacter(coalitionId) ? coalitionId : null, period, today)) }
}

export default function EmployerCoalitionReportRoute() {
  const r = useLoaderData<typeof loader>()
  return (
    <>
      <h1>Coalition report</h1>
      <p className="lead">
        {r.coalition.name}, {r.period.label}: your episodes, spend, savings and outcomes beside the other member employers' together and the whole
        coalition's. No other member is named, and small counts are hidden.
      </p>
      <ReportPeriodForm period={r.period} years={r.years} errors={r.errors}>
        {r.coalitions.length > 1 ? (
          <div className="field">
            <label htmlFor="coalition">Coalition</label>
            <select id="coalition" name="coalition" defaultValue={r.coalition.id}>
              {r.coalitions.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <input type="hidden" name="coalition" value={r.coalition.id} />
        )}
      </ReportPeriodForm>
      <p className="small muted">
        Your membership:{' '}
        {r.memberships.map((m, i) => (
          <span key={m.joinedOn}>
            {i > 0 ? '; ' : ''}
            {m.leftOn ? `${formatDate(m.joinedOn)} – ${formatDate(m.leftOn)}` : `since ${formatDate(m.joinedOn)}`}
          </span>
        ))}
        . Your episodes count for the coalition only while you are a member; so do every other member's.
      </p>
      {r.report === null ? (
        <p className="card empty">
          Your organization was not a member of {r.coalition.name} in {r.period.label}. The coalition's figures are shown for the periods you were a member in.
        </p>
      ) : (
        <>
          <section className="card" aria-labelledby="totals-heading">
            <h2 id="totals-heading">All procedures</h2>
            <p className="small muted">
              {formatCount(r.membersInPeriod)} member employers in the period, you included.
              {r.report.isOthersShown
                ? ''
                : ' Fewer than two other members had episodes in this period, so their figures, and the whole coalition’s (which would give them), are not shown.'}
            </p>
            <MemberTotalsTable total={r.report.total} label="Your figures, the other members' together and the whole coalition's" />
          </section>
          <section className="card" aria-labelledby="procedures-heading">
            <h2 id="procedures-heading">By procedure</h2>
            {r.report.rows.length === 0 ? (
              <p className="empty">No member employer completed an episode in this period.</p>
            ) : (
              <MemberProcedureTable rows={r.report.rows} label="Episodes and savings by procedure" />
            )}
            <SuppressionLegend />
            <p className="small muted">
              Your own figures are shown in full (they are on your dashboard too). The other members' figures are hidden wherever a single other employer
              stands behind them, and the whole coalition's wherever the other members' are, since the whole minus yours would give them.
            </p>
          </section>
        </>
      )}
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary notFound="Your organization is not, and has not been, a member of this coalition." />
}
