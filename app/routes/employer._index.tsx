import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requireEmployerAccess } from '~/auth/guard.server'
import { getEmployerOverview } from '~/services/employer-overview.server'
import { EngagementStepper } from '~/ui/engagement-stepper'
import { formatCount, formatDate, statusLabel } from '~/ui/format'
import { Stat, StatGrid } from '~/ui/primitives/stat'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'

export const meta: MetaFunction = () => [{ title: 'Overview · Employer · COE Marketplace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireEmployerAccess(request, 'employer:read')
  return getEmployerOverview(scope)
}

export default function EmployerOverviewRoute() {
  const overview = useLoaderData<typeof loader>()
  const published = overview.programs.filter((p) => p.status === 'published').length
  return (
    <>
      <h1>Overview</h1>
      <EngagementStepper engagement={overview.engagement} />
      <StatGrid label="Program figures">
        <Stat label="Covered members" value={formatCount(overview.coveredMembers)} hint={`as of ${formatDate(overview.asOf)}`} />
        <Stat label="Health plans" value={overview.planCount} />
        <Stat label="Published programs" value={published} hint={`${overview.programs.length} in all`} />
        <Stat label="Open cases" value={overview.openCases} />
      </StatGrid>
      <div className="grid-2">
        <section className="card" aria-labelledby="programs-heading">
          <h2 id="programs-heading">Programs</h2>
          {overview.programs.length === 0 ? (
            <p className="empty">No programs yet.</p>
          ) : (
            <ul className="link-list">
              {overview.programs.map((program) => (
                <li key={program.id}>
                  <Link to={`/employer/programs/${program.id}`}>{program.name}</Link>{' '}
                  <span className={`badge badge--${program.status}`}>{statusLabel(program.status)}</span>{' '}
                  <span className="muted">version {program.version}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="card" aria-labelledby="cases-heading">
          <h2 id="cases-heading">Cases by status</h2>
          {overview.casesByStatus.length === 0 ? (
            <p className="empty">No member has requested care yet.</p>
          ) : (
            <table className="table">
              <caption className="visually-hidden">Cases by status</caption>
              <thead>
                <tr>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">
                    Cases
                  </th>
                </tr>
              </thead>
              <tbody>
                {overview.casesByStatus.map((row) => (
                  <tr key={row.status}>
                    <td>{statusLabel(row.status)}</td>
                    <td className="num">{row.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />
}
