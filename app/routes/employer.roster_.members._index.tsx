import { parseWithZod } from '@conform-to/zod'
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { requireEmployerAccess } from '~/auth/guard.server'
import { MemberSearchSchema } from '~/forms/roster'
import { lookUpMembers } from '~/services/roster-lookup.server'
import { formatDate } from '~/ui/format'
import { Pager } from '~/ui/pager'
import { ErrorList } from '~/ui/primitives/error-list'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'
import { TableWrap } from '~/ui/table-wrap'

export const meta: MetaFunction = () => [{ title: 'Member look-up · Eligibility roster · COE Marketplace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, scope } = await requireEmployerAccess(request, 'roster:write')
  const submission = parseWithZod(new URL(request.url).searchParams, { schema: MemberSearchSchema })
  if (submission.status !== 'success') return { q: '', page: 1, rows: [], hasMore: false, errors: submission.reply().error ?? null }
  const { q, page } = submission.value
  return { q: q ?? '', page, ...(await lookUpMembers(actor, scope, q, page)), errors: null }
}

export default function MemberLookupRoute() {
  const { q, page, rows, hasMore, errors } = useLoaderData<typeof loader>()
  const link = (to: number) => `?${new URLSearchParams({ ...(q ? { q } : {}), page: String(to) }).toString()}`
  return (
    <>
      <p className="small">
        <Link to="/employer/roster">← Eligibility roster</Link>
      </p>
      <h1>Member look-up</h1>
      <p className="lead">Find a member by last name, employee ID or home ZIP to see their coverage and what each file changed. Every look-up is recorded.</p>
      <Form method="get" className="card form-grid" role="search" aria-label="Find a member">
        <div className="field">
          <label htmlFor="q">Last name, employee ID or ZIP</label>
          <input id="q" name="q" defaultValue={q} maxLength={80} aria-invalid={errors?.q ? true : undefined} />
          <ErrorList errors={errors?.q ?? undefined} />
        </div>
        <div className="form-actions">
          <button type="submit" className="button button--primary">
            Search
          </button>
        </div>
      </Form>
      {rows.length === 0 ? (
        <p className="muted">{q ? `No member matches “${q}”.` : 'No members on your roster yet.'}</p>
      ) : (
        <TableWrap label="Members">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Employee ID</th>
                <th scope="col">ZIP</th>
                <th scope="col">Plan</th>
                <th scope="col">Coverage</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((m) => (
                <tr key={m.id}>
                  <td>
                    <Link to={`/employer/roster/members/${m.id}`}>
                      {m.lastName}, {m.firstName}
                    </Link>
                  </td>
                  <td>{m.employeeId}</td>
                  <td>{m.zip}</td>
                  <td>{m.planName ?? '—'}</td>
                  <td>
                    from {formatDate(m.coverageStart)}
                    {m.coverageEnd ? ` to ${formatDate(m.coverageEnd)}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <Pager previous={page > 1 ? link(page - 1) : null} next={hasMore ? link(page + 1) : null} label="Member pages" />
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />
}
