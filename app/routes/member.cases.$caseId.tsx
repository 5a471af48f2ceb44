import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { requirePermission } from '~/auth/guard.server'
import { caseStateLabel } from '~/domain/cases/case-flow'
import { formatCents } from '~/domain/money'
import { requireParam } from '~/http/params'
import { getMyCase } from '~/services/cases.server'
import { CaseTimeline } from '~/ui/case-timeline'
import { formatDate } from '~/ui/format'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'

export const meta: MetaFunction = () => [{ title: 'My case · COE Marketplace' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, 'member:self')
  return getMyCase(actor, requireParam(params, 'caseId'))
}

const CONTACT = { email: 'by e-mail', phone: 'by phone', text: 'by text message' } as const

export default function MyCaseRoute() {
  const { case: c, events } = useLoaderData<typeof loader>()
  const [params] = useSearchParams()
  return (
    <>
      <p className="breadcrumb">
        <Link to="/member/cases">My cases</Link>
      </p>
      {params.has('requested') ? (
        <div role="status" className="card notice">
          <h2>We have your request</h2>
          <p>Your care team will contact you {CONTACT[c.contactPreference]} within two working days. You can follow every step here.</p>
        </div>
      ) : params.has('existing') ? (
        <div role="status" className="card notice">
          <p>You already have an open request for {c.procedureName}: here it is. Nothing new was created.</p>
        </div>
      ) : null}
      <div className="page-head">
        <h1>
          {c.procedureName} at {c.facilityName}
        </h1>
        <span className={`badge badge--${c.status}`}>{caseStateLabel(c.status)}</span>
      </div>
      <div className="grid-2">
        <section className="card" aria-labelledby="summary-heading">
          <h2 id="summary-heading">Your request</h2>
          <dl className="facts">
            <div><dt>Center</dt><dd>{c.facilityName}, {c.city}, {c.state}{c.phone ? ` · ${c.phone}` : ''}</dd></div>
            <div><dt>Requested</dt><dd>{formatDate(c.requestedAt)}</dd></div>
            <div><dt>Dates that suit you</dt><dd>{c.preferredStart || c.preferredEnd ? `${formatDate(c.preferredStart)} to ${formatDate(c.preferredEnd)}` : 'Any'}</dd></div>
            {c.scheduledDate ? <div><dt>Procedure date</dt><dd>{formatDate(c.scheduledDate)}</dd></div> : null}
            <div><dt>You pay</dt><dd>{formatCents(c.memberCostCents)}</dd></div>
            <div><dt>Travel</dt><dd>{c.travelEstimateCents > 0 ? `about ${formatCents(c.travelEstimateCents, { wholeDollars: true })} covered` : 'Not covered (you live close by)'}</dd></div>
            <div><dt>Companion</dt><dd>{c.hasCompanion ? 'Yes' : 'No'}</dd></div>
            <div><dt>We contact you</dt><dd>{CONTACT[c.contactPreference]}</dd></div>
            {c.statusReason ? <div><dt>Reason</dt><dd>{c.statusReason}</dd></div> : null}
          </dl>
        </section>
        <section className="card" aria-labelledby="timeline-heading">
          <h2 id="timeline-heading">Timeline</h2>
          <CaseTimeline events={events} showActor={false} />
        </section>
      </div>
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary notFound="This case doesn't exist or isn't yours." />
}
