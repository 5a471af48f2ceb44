import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { requireCoalitionAdmin } from '~/auth/guard.server'
import { getCoalitionHome } from '~/services/coalitions.server'
import { MEMBERSHIP_STATUS_LABEL } from '~/ui/coalition-labels'
import { formatCount, formatDate } from '~/ui/format'
import { Pager } from '~/ui/pager'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'
import { TableWrap } from '~/ui/table-wrap'

export const meta: MetaFunction = () => [{ title: 'Member employers · Coalition · COE Marketplace' }]

const PageSchema = z.coerce.number().int().min(1).max(10_000).catch(1)

export async function loader({ request }: LoaderFunctionArgs) {
  const { coalitionId } = await requireCoalitionAdmin(request)
  return getCoalitionHome(coalitionId, PageSchema.parse(new URL(request.url).searchParams.get('page') ?? 1))
}

export default function CoalitionHomeRoute() {
  const { coalition, memberships, total, page, pages } = useLoaderData<typeof loader>()
  const active = memberships.filter((m) => m.status === 'active').length
  return (
    <>
      <h1>{coalition.name}</h1>
      <p className="lead">
        The employers that buy care through the coalition. Each joins on the day its admin accepts the invitation and stays a member until the last day of membership.
      </p>
      <p role="status">
        {total === 0
          ? 'No employer has been invited yet.'
          : `${formatCount(total)} membership record${total === 1 ? '' : 's'}${pages > 1 ? `, page ${page} of ${formatCount(pages)}` : ''}; ${formatCount(active)} active member${active === 1 ? '' : 's'} on this page.`}
      </p>
      {memberships.length > 0 ? (
        <TableWrap label="Member employers, their dates and status">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Employer</th>
                <th scope="col">Code</th>
                <th scope="col">Status</th>
                <th scope="col">Invited</th>
                <th scope="col">Joined</th>
                <th scope="col">Left</th>
              </tr>
            </thead>
            <tbody>
              {memberships.map((m) => (
                <tr key={m.id}>
                  <th scope="row">{m.employerName}</th>
                  <td>
                    <code>{m.employerCode}</code>
                  </td>
                  <td>{MEMBERSHIP_STATUS_LABEL[m.status]}</td>
                  <td>{formatDate(m.invitedAt.slice(0, 10))}</td>
                  <td>{m.joinedOn ? formatDate(m.joinedOn) : '—'}</td>
                  <td>{m.leftOn ? formatDate(m.leftOn) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
      <Pager previous={page > 1 ? `?page=${page - 1}` : null} next={page < pages ? `?page=${page + 1}` : null} label="Member pages" />
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />
}
