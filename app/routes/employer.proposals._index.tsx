import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requireEmployerAccess } from '~/auth/guard.server'
import { listClientProposals } from '~/services/proposals.server'
import { formatDate } from '~/ui/format'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'

export const meta: MetaFunction = () => [{ title: 'Proposals · Employer · COE Marketplace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireEmployerAccess(request, 'program:read')
  return { proposals: await listClientProposals(scope) }
}

export default function ProposalsRoute() {
  const { proposals } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>Proposals from your brokers</h1>
      <p className="lead">
        Program designs your broker firms compared for you. Adopt one to start a draft program you can still change before publishing. <Link to="/employer/brokers">Broker access</Link>
      </p>
      {proposals.length === 0 ? (
        <p className="empty">No proposal has been shared with you yet.</p>
      ) : (
        <ul className="card-list">
          {proposals.map((p) => (
            <li key={p.id} className="card">
              <h2>
                <Link to={`/employer/proposals/${p.id}`}>{p.title}</Link>
              </h2>
              <p className="muted">
                From {p.brokerName}, shared {formatDate(p.sharedAt)}
                {p.adoptedAt ? ` · adopted ${formatDate(p.adoptedAt)}` : ''}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />
}
