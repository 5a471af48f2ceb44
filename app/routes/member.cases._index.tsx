import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requirePermission } from '~/auth/guard.server'
import { caseStateLabel } from '~/domain/cases/case-flow'
import { listMyCases } from '~/services/cases.server'
import { formatDate } from '~/ui/format'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'

export const meta: MetaFunction = () => [{ title: 'My cases · COE Marketplace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, 'member:self')
  return { cases: await listMyCases(actor) }
}

export default function MyCasesRoute() {
  const { cases } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>My cases</h1>
      {cases.length === 0 ? (
        <p className="empty">
          No requests yet. <Link to="/member/care">Find a covered center</Link> and request care there.
        </p>
      ) : (
        <ul className="card-list">
          {cases.map((c) => (
            <li key={c.id} className="card">
              <h2>
                <Link to={`/member/cases/${c.id}`}>
                  {c.procedureName} at {c.facilityName}
                </Link>
              </h2>
              <p>
                <span className={`badge badge--${c.status}`}>{caseStateLabel(c.status)}</span> · requested {formatDate(c.requestedAt)}
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
