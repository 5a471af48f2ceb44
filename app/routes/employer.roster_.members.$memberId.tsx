import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requireEmployerAccess } from '~/auth/guard.server'
import { requireParam } from '~/http/params'
import { memberCoverage } from '~/services/roster-lookup.server'
import { formatDate, formatDateTime } from '~/ui/format'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'
import { TableWrap } from '~/ui/table-wrap'

export const meta: MetaFunction = () => [{ title: 'Member coverage · Eligibility roster · COE Marketplace' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, scope } = await requireEmployerAccess(request, 'roster:write')
  return memberCoverage(actor, scope, requireParam(params, 'memberId'))
}

const CHANGE: Record<string, string> = { added: 'Added', changed: 'Changed', ended: 'Coverage ended', reinstated: 'Reinstated' }
const show = (value: unknown) => (value === null || value === undefined ? '(none)' : String(value))

export default function MemberCoverageRoute() {
  const { member, history } = useLoaderData<typeof loader>()
  const covered = member.coverageEnd === null || member.coverageEnd >= new Date().toISOString().slice(0, 10)
  return (
    <>
      <p className="small">
        <Link to="/employer/roster/members">← Member look-up</Link>
      </p>
      <h1>
        {member.firstName} {member.lastName}
      </h1>
      <dl className="facts">
        <div>
          <dt>Employee ID</dt>
          <dd>{member.employeeId}</dd>
        </div>
        <div>
          <dt>Coverage</dt>
          <dd>
            {covered ? 'Covered' : 'Ended'}: from {formatDate(member.coverageStart)}
            {member.coverageEnd ? ` to ${formatDate(member.coverageEnd)}` : ''}
          </dd>
        </div>
        <div>
          <dt>Plan and tier</dt>
          <dd>
            {member.planName ?? '—'}, {member.coverageTier.replace('_', ' + ')}, {member.dependentsCount} dependent{member.dependentsCount === 1 ? '' : 's'}
          </dd>
        </div>
        <div>
          <dt>Date of birth and ZIP</dt>
          <dd>
            {formatDate(member.dateOfBirth)} · {member.zip}
          </dd>
        </div>
      </dl>
      <h2>Coverage history</h2>
      {history.length === 0 ? (
        <p className="muted">No file has changed this member since the import history began.</p>
      ) : (
        <TableWrap label="Coverage history">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Applied</th>
                <th scope="col">File</th>
                <th scope="col">Change</th>
                <th scope="col">What changed</th>
              </tr>
            </thead>
            <tbody>
              {history.map((h) => (
                <tr key={h.importId}>
                  <td>{h.finishedAt ? formatDateTime(h.finishedAt) : '—'}</td>
                  <td>
                    <Link to={`/employer/roster/imports/${h.importId}`}>{h.fileName}</Link>
                    <span className="muted small"> · {h.createdByLabel}</span>
                  </td>
                  <td>{CHANGE[h.kind] ?? h.kind}</td>
                  <td>{h.kind === 'added' ? 'First loaded' : h.fields.map((f) => `${f}: ${show(h.previous?.[f])} → ${show(h.next[f])}`).join('; ')}</td>
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
