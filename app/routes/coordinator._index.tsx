import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { requirePermission } from '~/auth/guard.server'
import { caseStateLabel, OPEN_STATES } from '~/domain/cases/case-flow'
import { parseQueueQuery } from '~/forms/care'
import { getCaseQueue } from '~/services/cases.server'
import { formatDate } from '~/ui/format'
import { Stat, StatGrid } from '~/ui/primitives/stat'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'
import { TableWrap } from '~/ui/table-wrap'

export const meta: MetaFunction = () => [{ title: 'Case queue · Care team · COE Marketplace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, 'case:manage')
  const filter = parseQueueQuery(new URL(request.url).searchParams)
  return { filter, ...(await getCaseQueue(actor, filter)) }
}

const CLOSED = ['completed', 'cancelled', 'denied'] as const

export default function CareQueueRoute() {
  const { filter, counts, cases, employers, procedures } = useLoaderData<typeof loader>()
  const countOf = (status: string) => counts.find((row) => row.status === status)?.count ?? 0
  return (
    <>
      <h1>Case queue</h1>
      <StatGrid label="Open cases by status">
        {OPEN_STATES.map((status) => (
          <Stat key={status} label={caseStateLabel(status)} value={countOf(status)} />
        ))}
      </StatGrid>
      <Form method="get" className="card form-grid filter-bar" aria-label="Filter cases">
        <div className="field">
          <label htmlFor="status">Status</label>
          <select id="status" name="status" defaultValue={filter.status}>
            <option value="open">All open cases</option>
            {[...OPEN_STATES, ...CLOSED].map((s) => (
              <option key={s} value={s}>
                {caseStateLabel(s)}
              </option>
            ))}
            <option value="all">Every case</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="employer">Employer</label>
          <select id="employer" name="employer" defaultValue={filter.employerId ?? ''}>
            <option value="">All employers</option>
            {employers.map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="procedure">Procedure</label>
          <select id="procedure" name="procedure" defaultValue={filter.procedureId ?? ''}>
            <option value="">All procedures</option>
            {procedures.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="form-actions">
          <button type="submit" className="button">
            Filter
          </button>
        </div>
      </Form>
      {cases.length === 0 ? (
        <p className="empty">No cases match. New care requests from members appear here, oldest first.</p>
      ) : (
        <TableWrap label="Cases, oldest first">
          <table className="table">
            <caption className="visually-hidden">Cases, oldest first</caption>
            <thead>
              <tr>
                <th scope="col">Member</th>
                <th scope="col">Requested</th>
                <th scope="col" className="num">Age (days)</th>
                <th scope="col">Status</th>
                <th scope="col">Employer</th>
                <th scope="col">Procedure</th>
                <th scope="col">Center</th>
              </tr>
            </thead>
            <tbody>
              {cases.map((row) => (
                <tr key={row.id}>
                  <th scope="row">
                    <Link to={`/coordinator/cases/${row.id}`}>
                      {row.firstName} {row.lastName}
                    </Link>
                  </th>
                  <td>{formatDate(row.requestedAt)}</td>
                  <td className="num">{row.ageDays}</td>
                  <td>{caseStateLabel(row.status)}</td>
                  <td>{row.employerName}</td>
                  <td>{row.procedureCode}</td>
                  <td>{row.facilityName}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />
}
