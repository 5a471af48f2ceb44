import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { requirePermission } from '~/auth/guard.server'
import { getCareQueue } from '~/services/care-queue.server'
import { formatDate, statusLabel } from '~/ui/format'
import { Stat, StatGrid } from '~/ui/primitives/stat'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'

export const meta: MetaFunction = () => [{ title: 'Case queue · Care team · COE Marketplace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'case:manage')
  return getCareQueue()
}

const QUEUE_STATUSES = ['requested', 'eligibility_verified', 'scheduled', 'travel_booked', 'procedure_done'] as const

export default function CareQueueRoute() {
  const { counts, openCases } = useLoaderData<typeof loader>()
  const countOf = (status: string) => counts.find((row) => row.status === status)?.count ?? 0
  return (
    <>
      <h1>Case queue</h1>
      <StatGrid label="Open cases by status">
        {QUEUE_STATUSES.map((status) => (
          <Stat key={status} label={statusLabel(status)} value={countOf(status)} />
        ))}
      </StatGrid>
      {openCases.length === 0 ? (
        <p className="empty">No open cases. New care requests from members appear here, oldest first.</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Requested</th>
                <th scope="col" className="num">Age (days)</th>
                <th scope="col">Status</th>
                <th scope="col">Employer</th>
                <th scope="col">Procedure</th>
                <th scope="col">Center</th>
              </tr>
            </thead>
            <tbody>
              {openCases.map((row) => (
                <tr key={row.id}>
                  <td>{formatDate(row.requestedAt)}</td>
                  <td className="num">{row.ageDays}</td>
                  <td>{statusLabel(row.status)}</td>
                  <td>{row.employerName}</td>
                  <td>{row.procedureCode}</td>
                  <td>{row.facilityName}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />
}
