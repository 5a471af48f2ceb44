import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requireEmployerAccess } from '~/auth/guard.server'
import { formatCents } from '~/domain/money'
import { listPlansWithMembers } from '~/services/health-plans.server'
import { formatCount, formatPercent } from '~/ui/format'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'
import { TableWrap } from '~/ui/table-wrap'

export const meta: MetaFunction = () => [{ title: 'Health plans · Employer · COE Marketplace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireEmployerAccess(request, 'plan:read')
  return { plans: await listPlansWithMembers(scope) }
}

export default function HealthPlansRoute() {
  const { plans } = useLoaderData<typeof loader>()
  return (
    <>
      <div className="page-head">
        <h1>Health plans</h1>
        <Link className="button button--primary" to="/employer/plans/new">
          Add a plan
        </Link>
      </div>
      <p className="lead">Your base medical plans. Program savings and member costs use these terms.</p>
      {plans.length === 0 ? (
        <p className="empty">No plans yet. Add the plans your members are enrolled in.</p>
      ) : (
        <TableWrap label="Your health plans">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Plan</th>
                <th scope="col">Type</th>
                <th scope="col" className="num">Deductible (ind. / family)</th>
                <th scope="col" className="num">Coinsurance</th>
                <th scope="col" className="num">Out-of-pocket max (ind. / family)</th>
                <th scope="col" className="num">Members</th>
              </tr>
            </thead>
            <tbody>
              {plans.map((plan) => (
                <tr key={plan.id}>
                  <th scope="row">
                    <Link to={`/employer/plans/${plan.id}`}>{plan.name}</Link>
                  </th>
                  <td>
                    {plan.planType}
                    {plan.isHsaQualified ? <span className="badge">HSA-qualified</span> : null}
                  </td>
                  <td className="num">
                    {formatCents(plan.deductibleIndividualCents, { wholeDollars: true })} / {formatCents(plan.deductibleFamilyCents, { wholeDollars: true })}
                  </td>
                  <td className="num">{formatPercent(plan.coinsuranceRate)}</td>
                  <td className="num">
                    {formatCents(plan.oopMaxIndividualCents, { wholeDollars: true })} / {formatCents(plan.oopMaxFamilyCents, { wholeDollars: true })}
                  </td>
                  <td className="num">{formatCount(plan.members)}</td>
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
