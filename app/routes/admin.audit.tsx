import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { requirePermission } from '~/auth/guard.server'
import { parseAuditQuery } from '~/forms/audit'
import { getAuditLogPage } from '~/services/audit-log.server'
import { formatDateTime } from '~/ui/format'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'
import { TableWrap } from '~/ui/table-wrap'

export const meta: MetaFunction = () => [{ title: 'Audit log · Platform · COE Marketplace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'audit:read')
  const url = new URL(request.url)
  const { query, errors } = parseAuditQuery(url.searchParams)
  return { query, errors, ...(await getAuditLogPage(query)) }
}

const when = (iso: string) => formatDateTime(iso, 'seconds')

export default function AuditLogRoute() {
  const { query, errors, entries, nextBefore, actions, employers } = useLoaderData<typeof loader>()
  const nextPage = () => {
    const params = new URLSearchParams()
    for (const [name, value] of Object.entries({ actor: query.actor, action: query.action, employer: query.employerId, subject: query.subjectId, from: query.from, to: query.to })) {
      if (value) params.set(name, value)
    }
    params.set('before', nextBefore!)
    return `?${params}`
  }
  return (
    <>
      <h1>Audit log</h1>
      <p className="lead">
        Every change, and every read of member-level data by anyone other than the member, with who, when, what and from which address. Entries cannot be edited or
        deleted: the database refuses it.
      </p>
      <Form method="get" className="card form-grid" aria-label="Search the audit log">
        <div className="field">
          <label htmlFor="actor">Person (part of the e-mail)</label>
          <input id="actor" name="actor" defaultValue={query.actor ?? ''} maxLength={120} />
        </div>
        <div className="field">
          <label htmlFor="action">Action (or its start, like “case.”)</label>
          <input id="action" name="action" list="audit-actions" defaultValue={query.action ?? ''} maxLength={120} />
          <datalist id="audit-actions">
            {actions.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </div>
        <div className="field">
          <label htmlFor="employer">Employer</label>
          <select id="employer" name="employer" defaultValue={query.employerId ?? ''}>
            <option value="">Any</option>
            {employers.map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="subject">Subject id (a case, plan, roster member…)</label>
          <input id="subject" name="subject" defaultValue={query.subjectId ?? ''} maxLength={120} />
        </div>
        <div className="field">
          <label htmlFor="from">From (UTC)</label>
          <input id="from" name="from" type="date" defaultValue={query.from ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="to">To (UTC)</label>
          <input id="to" name="to" type="date" defaultValue={query.to ?? ''} />
        </div>
        <div className="form-actions">
          <button type="submit" className="button">
            Search
          </button>
          <Link to="/admin/audit">Clear</Link>
        </div>
      </Form>
      {errors.length > 0 ? (
        <ul className="card error-text" role="alert">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}
      <p role="status">
        {entries.length === 0 ? 'No entries match.' : `Showing ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}, newest first.`}
      </p>
      {entries.length > 0 ? (
        <TableWrap label="Audit entries">
          <table className="table">
            <caption className="visually-hidden">Audit entries</caption>
            <thead>
              <tr>
                <th scope="col">When (UTC)</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">Subject</th>
                <th scope="col">Employer</th>
                <th scope="col">Address</th>
                <th scope="col">Detail</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td>{when(e.occurredAt)}</td>
                  <td>
                    {e.actorEmail ?? e.actorLabel ?? 'System'}
                    {e.actorOrganization ? <div className="small muted">{e.actorOrganization}</div> : null}
                  </td>
                  <td>
                    <code>{e.action}</code>
                  </td>
                  <td>
                    {e.subjectType}
                    {e.subjectId ? <div className="small muted">{e.subjectId}</div> : null}
                  </td>
                  <td>{e.employerName ?? '—'}</td>
                  <td>{e.ip ?? '—'}</td>
                  <td className="small">{e.detail ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
      {nextBefore ? (
        <p>
          <Link to={nextPage()}>Older entries</Link>
        </p>
      ) : null}
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />
}
