import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requireEmployerAccess } from '~/auth/guard.server'
import { requireParam } from '~/http/params'
import { getClientSummary } from '~/services/broker-clients.server'
import { formatCount, formatDate, statusLabel } from '~/ui/format'
import { Stat, StatGrid } from '~/ui/primitives/stat'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.employer.name ?? 'Client'} · Clients · COE Marketplace` },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireEmployerAccess(request, 'client:read', requireParam(params, 'employerId'))
  return getClientSummary(scope)
}

export default function BrokerClientRoute() {
  const { employer, coveredMembers, programs } = useLoaderData<typeof loader>()
  return (
    <>
      <p className="breadcrumb">
        <Link to="/broker">Clients</Link>
      </p>
      <h1>{employer.name}</h1>
      <StatGrid label="Client figures">
        <Stat label="Covered members" value={formatCount(coveredMembers)} />
        <Stat label="Programs" value={programs.length} />
      </StatGrid>
      <section className="card" aria-labelledby="client-programs">
        <h2 id="client-programs">Current programs</h2>
        {programs.length === 0 ? (
          <p className="empty">This client has no program yet.</p>
        ) : (
          <ul className="link-list">
            {programs.map((program) => (
              <li key={program.id}>
                {program.name} <span className={`badge badge--${program.status}`}>{statusLabel(program.status)}</span>{' '}
                <span className="muted">
                  version {program.version}, from {formatDate(program.effectiveFrom)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary notFound="This client doesn't exist or hasn't given your firm access." />
}
