import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requirePermission } from '~/auth/guard.server'
import { listClientsForBroker } from '~/services/broker-clients.server'
import { formatCount, formatDate } from '~/ui/format'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'

export const meta: MetaFunction = () => [{ title: 'Clients · Broker · COE Marketplace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, 'client:read')
  return { clients: await listClientsForBroker(actor) }
}

export default function BrokerClientsRoute() {
  const { clients } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>Clients</h1>
      <p className="lead">Employers that have given your firm access. You see counts and program designs, never member records.</p>
      {clients.length === 0 ? (
        <p className="empty">No employer has granted your firm access yet.</p>
      ) : (
        <ul className="card-list">
          {clients.map((client) => (
            <li key={client.id} className="card">
              <h2>
                <Link to={`/broker/clients/${client.id}`}>{client.name}</Link>
              </h2>
              <p>
                {formatCount(client.coveredMembers)} covered members · {client.programCount} program
                {client.programCount === 1 ? '' : 's'} · access since {formatDate(client.grantedAt)}
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
