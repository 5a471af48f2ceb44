import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { requireEmployerAccess } from '~/auth/guard.server'
import { formatCents } from '~/domain/money'
import { listEmployerCoalitionSettlements } from '~/services/coalition-contracts.server'
import { formatDate } from '~/ui/format'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'
import { TableWrap } from '~/ui/table-wrap'

export const meta: MetaFunction = () => [{ title: 'Coalition settlements · Employer · COE Marketplace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireEmployerAccess(request, 'billing:read')
  return listEmployerCoalitionSettlements(scope)
}

/**
 * A member employer's shares of its coalitions' settlements (issue 23, DESIGN §12): per reconciled
 * period, its own episodes and allocated amount only; the other members' lines stay with the
 * coalition and the health system.
 */
export default function CoalitionSettlementsRoute() {
  const { coalitions, shares } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>Coalition settlements</h1>
      <p className="lead">
        Your coalition settles its contracts with the health systems; each closed period&apos;s settlement is shared among the member employers in proportion to their
        episodes, to the cent. This is your share of each; other members&apos; shares are not shown.
      </p>
      {coalitions.length === 0 ? (
        <p className="empty">Your organization is not a member of a coalition.</p>
      ) : shares.length === 0 ? (
        <p className="empty">No period of {coalitions.map((coalition) => coalition.name).join(' or ')}&apos;s contracts has been reconciled with a share for you yet.</p>
      ) : (
        <TableWrap label="Your shares of coalition settlements">
          <table className="table table--figures">
            <thead>
              <tr>
                <th scope="col">Contract and period</th>
                <th scope="col">Health system</th>
                <th scope="col" className="num">
                  Your episodes
                </th>
                <th scope="col" className="num">
                  Your share
                </th>
                <th scope="col">Settled by the coalition</th>
              </tr>
            </thead>
            <tbody>
              {shares.map((share) => (
                <tr key={share.statementId}>
                  <th scope="row">
                    {share.contractTitle} ({share.coalitionName})
                    <p className="muted table__note">{share.period}</p>
                  </th>
                  <td>{share.healthSystemName}</td>
                  <td className="num">{share.episodes}</td>
                  <td className="num">{formatCents(share.allocatedCents)}</td>
                  <td>{share.settledAt ? `${formatDate(share.settledAt)} (${share.settlementReference})` : 'Not yet'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <p className="muted">A positive share is your part of what the coalition pays the health system; a negative one, of what the health system pays back.</p>
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />
}
