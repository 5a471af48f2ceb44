import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requirePermission } from '~/auth/guard.server'
import { formatCents } from '~/domain/money'
import { getMemberHome } from '~/services/member-home.server'
import { formatDate } from '~/ui/format'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'

export const meta: MetaFunction = () => [{ title: 'My benefits · COE Marketplace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, 'member:self')
  return getMemberHome(actor)
}

const TIER_LABEL: Record<string, string> = {
  employee: 'Employee only',
  employee_spouse: 'Employee + spouse',
  employee_children: 'Employee + children',
  family: 'Family',
}

export default function MemberHomeRoute() {
  const { member, isCovered, programs, employerName } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>{member ? `Hello, ${member.firstName}` : 'My benefits'}</h1>
      <section className="card" aria-labelledby="coverage-heading">
        <h2 id="coverage-heading">Your coverage</h2>
        {member ? (
          <dl className="facts">
            <div>
              <dt>Employer</dt>
              <dd>{employerName}</dd>
            </div>
            <div>
              <dt>Health plan</dt>
              <dd>{member.planName ?? 'Not assigned'}</dd>
            </div>
            <div>
              <dt>Who is covered</dt>
              <dd>{TIER_LABEL[member.coverageTier] ?? member.coverageTier}</dd>
            </div>
            <div>
              <dt>Coverage</dt>
              <dd>
                {isCovered ? 'Active' : 'Not active'} since {formatDate(member.coverageStart)}
                {member.coverageEnd ? `, ends ${formatDate(member.coverageEnd)}` : ''}
              </dd>
            </div>
            <div>
              <dt>Home ZIP</dt>
              <dd>{member.zip}</dd>
            </div>
          </dl>
        ) : (
          <p>Your account is not yet linked to your employer's eligibility list. Contact your HR team.</p>
        )}
      </section>
      <section aria-labelledby="programs-heading">
        <h2 id="programs-heading">Centers of excellence you can use</h2>
        {programs.length === 0 ? (
          <p className="empty">Your employer has no center-of-excellence program in force today.</p>
        ) : (
          programs.map((program) => (
            <article className="card" key={`${program.name}-${program.version}`}>
              <h3>{program.name}</h3>
              <p>
                <Link to="/member/care" className="button button--primary">
                  Find a covered center
                </Link>
              </p>
              <p>
                A <strong>center of excellence</strong> is a hospital your employer chose for its results and agreed one
                fixed price with. Going there for a covered operation:
              </p>
              <ul className="checklist">
                <li>
                  {program.deductibleWaived && program.coinsuranceWaived && program.copayCents === 0
                    ? 'costs you $0: no deductible, no coinsurance'
                    : `costs you at most the program's share (copay ${formatCents(program.copayCents)})`}
                </li>
                {program.travelMinDistanceMiles !== null ? (
                  <li>
                    includes travel and lodging when you live {program.travelMinDistanceMiles} miles or more away
                    {program.companionCovered ? ', for you and a companion' : ''}
                  </li>
                ) : null}
                {program.completionIncentiveCents > 0 ? (
                  <li>pays you {formatCents(program.completionIncentiveCents, { wholeDollars: true })} when your care is complete</li>
                ) : null}
              </ul>
              <p>
                Covered operations: {program.procedures.map((p) => p.name).join(', ')} · {program.centerCount} centers in the
                network · in force since {formatDate(program.effectiveFrom)}
              </p>
            </article>
          ))
        )}
      </section>
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />
}
