import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requireEmployerAccess } from '~/auth/guard.server'
import { readFlash } from '~/http/flash.server'
import { formatCents } from '~/domain/money'
import { listPlansWithMembers } from '~/services/health-plans.server'
import { formatCount, formatPercent } from '~/ui/format'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'
import { SaveStatus } from '~/ui/save-status'
import { TableWrap } from '~/ui/table-wrap'

export const meta: MetaFunction = () => [{ title: 'Health plans · Employer · COE Marketplace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireEmployerAccess(request, 'plan:read')
  const plans = await listPlansWithMembers(scope)
  const { note, headers } = await readFlash(request)
  return data({ plans, saved: savedPlanMessage(note, plans) }, { headers })
}

/** The save just made, in words, from the plan as it is now stored (issue 20). */
function savedPlanMessage(note: string | null, plans: Awaited<ReturnType<typeof listPlansWithMembers>>): string | null {
  const match = note === null ? null : /^plan-(saved|added):(.+)$/.exec(note)
  const plan = match ? plans.find((p) => p.id === match[2]) : undefined
  if (!match || !plan) return null
  const money = (cents: number) => formatCents(cents, { wholeDollars: true })
  return (
    `${match[1] === 'added' ? 'Added' : 'Saved'}: ${plan.name} (${plan.planType}${plan.isHsaQualified ? ', HSA-qualified' : ''}), deductible ` +
    `${money(plan.deductibleIndividualCents)} / ${money(plan.deductibleFamilyCents)}, coinsurance ${formatPercent(plan.coinsuranceRate)}, out-of-pocket max ` +
    `${money(plan.oopMaxIndividualCents)} / ${money(plan.oopMaxFamilyCents)}.`
  )
}

export default function HealthPlansRoute() {
  const { plans, saved } = useLoaderData<typeof loader>()
  return (
    <>
      <div className="page-head">
        <h1>Health plans</h1>
        <Link className="button button--primary" to="/employer/plans/new">
          Add a plan
        </Link>
      </div>
      <p className="lead">Your base medical plans. Program savings and member costs use these terms.</p>
      <SaveStatus message={saved} />
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
