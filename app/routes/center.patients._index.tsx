import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { requirePermission } from '~/auth/guard.server'
import { caseStateLabel } from '~/domain/cases/case-flow'
import { getIncomingPatients } from '~/services/center-patients.server'
import { formatDate } from '~/ui/format'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'
import { Pager } from '~/ui/pager'
import { TableWrap } from '~/ui/table-wrap'

export const meta: MetaFunction = () => [{ title: 'Incoming patients · Health system · COE Marketplace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, 'offer:write')
  return getIncomingPatients(actor, new URL(request.url).searchParams)
}

const STATUS_CHOICES = ['eligibility_verified', 'scheduled', 'travel_booked', 'procedure_done', 'completed', 'cancelled'] as const

export default function IncomingPatientsRoute() {
  const { filter, facilities, patients, hasMore } = useLoaderData<typeof loader>()
  const pageLink = (page: number) => {
    const params = new URLSearchParams()
    if (filter.facilityId) params.set('facility', filter.facilityId)
    if (filter.status) params.set('status', filter.status)
    if (filter.upcomingFrom) params.set('upcoming', '1')
    params.set('page', String(page))
    return `?${params.toString()}`
  }
  return (
    <>
      <h1>Incoming patients</h1>
      <p className="lead">Members whose care at your facilities is authorised (eligibility verified or later). Only what you need to treat them is shown.</p>
      <Form method="get" className="filters card">
        <div className="field">
          <label htmlFor="facility">Facility</label>
          <select id="facility" name="facility" defaultValue={filter.facilityId ?? ''}>
            <option value="">All facilities</option>
            {facilities.map((f) => (
              <option key={f.id} value={f.id}>{f.name}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="status">Status</label>
          <select id="status" name="status" defaultValue={filter.status ?? ''}>
            <option value="">Any status</option>
            {STATUS_CHOICES.map((s) => (
              <option key={s} value={s}>{caseStateLabel(s)}</option>
            ))}
          </select>
        </div>
        <div className="field field--checkbox">
          <input type="checkbox" id="upcoming" name="upcoming" value="1" defaultChecked={filter.upcomingFrom !== null} />
          <label htmlFor="upcoming">Upcoming surgeries only</label>
        </div>
        <button type="submit" className="button">Show patients</button>
      </Form>
      {patients.length === 0 ? (
        <p className="empty">No incoming patients match these filters.</p>
      ) : (
        <TableWrap label="Incoming patients">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Patient</th>
                <th scope="col">Procedure</th>
                <th scope="col">Facility</th>
                <th scope="col">Status</th>
                <th scope="col">Scheduled</th>
              </tr>
            </thead>
            <tbody>
              {patients.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <Link to={`/center/patients/${p.id}`}>{p.firstName} {p.lastName}</Link>
                  </th>
                  <td>{p.procedureName}</td>
                  <td>{p.facilityName}</td>
                  <td>{caseStateLabel(p.status)}</td>
                  <td>{p.scheduledDate ? formatDate(p.scheduledDate) : 'Not yet'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <Pager label="Patient pages" previous={filter.page > 1 ? pageLink(filter.page - 1) : null} next={hasMore ? pageLink(filter.page + 1) : null} />
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />
}
