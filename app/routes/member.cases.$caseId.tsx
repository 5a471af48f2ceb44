import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from '~/i18n/use-translation'
import { requirePermission } from '~/auth/guard.server'
import { CASE_PATH, type CaseState } from '~/domain/cases/case-flow'
import { requireParam } from '~/http/params'
import { translatedTitle } from '~/i18n/meta'
import { listMyCaseDocuments } from '~/services/case-documents.server'
import { getMyCase } from '~/services/cases.server'
import { MemberCaseDocuments } from '~/ui/case-documents'
import { MemberCaseTimeline } from '~/ui/case-timeline'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'
import { TermsExplained } from '~/ui/terms-explained'
import { useLocaleFormat } from '~/ui/use-locale-format'
import { formatUsPhone } from '~/domain/phone'

export const meta: MetaFunction = ({ matches }) => [{ title: translatedTitle(matches, 'detail.title', { ns: 'cases' }) }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, 'member:self')
  const caseId = requireParam(params, 'caseId')
  return { ...(await getMyCase(actor, caseId)), documents: await listMyCaseDocuments(actor, caseId) }
}

/** Every state a member's case can be in, in the order a case goes through them. */
const ALL_STATES: readonly CaseState[] = [...CASE_PATH, 'cancelled', 'denied']

export default function MyCaseRoute() {
  const { case: c, events, checkIns, documents } = useLoaderData<typeof loader>()
  const [params] = useSearchParams()
  const { t } = useTranslation('cases')
  const { t: tc } = useTranslation()
  const format = useLocaleFormat()
  const procedure = tc(`procedures.${c.procedureCode}`, { defaultValue: c.procedureName })
  const contact = t(`contact.${c.contactPreference}`)
  return (
    <>
      <p className="breadcrumb">
        <Link to="/member/cases">{t('detail.back')}</Link>
      </p>
      {params.has('requested') ? (
        <div role="status" className="card notice">
          <h2>{t('detail.requestedHeading')}</h2>
          <p>{t('detail.requestedBody', { contact })}</p>
        </div>
      ) : params.has('existing') ? (
        <div role="status" className="card notice">
          <p>{t('detail.existing', { procedure })}</p>
        </div>
      ) : null}
      <div className="page-head">
        <h1>{t('detail.heading', { procedure, facility: c.facilityName })}</h1>
        <span className={`badge badge--${c.status}`}>{t(`states.${c.status}.label`)}</span>
      </div>
      <p>
        <strong>{t('detail.now')}:</strong> {t(`states.${c.status}.meaning`)}
      </p>
      <div className="grid-2">
        <section className="card" aria-labelledby="summary-heading">
          <h2 id="summary-heading">{t('detail.summary')}</h2>
          <dl className="facts">
            <div><dt>{t('detail.center')}</dt><dd>{c.facilityName}, {c.city}, {c.state}{c.phone ? ` · ${c.phone}` : ''}</dd></div>
            <div><dt>{t('detail.requested')}</dt><dd>{format.date(c.requestedAt)}</dd></div>
            <div>
              <dt>{t('detail.preferredDates')}</dt>
              <dd>
                {c.preferredStart || c.preferredEnd
                  ? t('detail.dateRange', { start: c.preferredStart ? format.date(c.preferredStart) : '—', end: c.preferredEnd ? format.date(c.preferredEnd) : '—' })
                  : t('detail.anyDates')}
              </dd>
            </div>
            {c.scheduledDate ? <div><dt>{t('detail.procedureDate')}</dt><dd>{format.date(c.scheduledDate)}</dd></div> : null}
            <div>
              <dt>{t('detail.youPay')}</dt>
              <dd>
                {format.money(c.memberCostCents)}
                <br />
                <span className="muted small">{t('detail.youPayHelp')}</span>
              </dd>
            </div>
            <div>
              <dt>{t('detail.travel')}</dt>
              <dd>{c.travelEstimateCents > 0 ? t('detail.travelCovered', { amount: format.moneyWhole(c.travelEstimateCents) }) : t('detail.travelNotCovered')}</dd>
            </div>
            <div><dt>{t('detail.companion')}</dt><dd>{c.hasCompanion ? t('detail.yes') : t('detail.no')}</dd></div>
            <div><dt>{t('detail.contact')}</dt><dd>{contact}{c.contactPhone ? ` · ${formatUsPhone(c.contactPhone)}` : ''}</dd></div>
            {c.statusReason ? (
              <div>
                <dt>{t('detail.reason')}</dt>
                <dd>
                  {c.statusReason}
                  <br />
                  <span className="muted small">{t('detail.reasonHelp')}</span>
                </dd>
              </div>
            ) : null}
          </dl>
          {checkIns.length > 0 ? (
            <section aria-labelledby="check-ins-heading">
              <h3 id="check-ins-heading">{t('detail.checkIns')}</h3>
              <p className="muted small">{t('detail.checkInsHelp')}</p>
              <ul>
                {checkIns.map((checkIn) => (
                  <li key={checkIn.checkpoint}>
                    {checkIn.isDue
                      ? t('detail.checkInDue', { checkIn: t(`detail.checkIn.${checkIn.checkpoint}`) })
                      : t('detail.checkInFrom', { checkIn: t(`detail.checkIn.${checkIn.checkpoint}`), date: format.date(checkIn.dueOn) })}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <TermsExplained terms={['centerOfExcellence']} />
        </section>
        <section className="card" aria-labelledby="timeline-heading">
          <h2 id="timeline-heading">{t('detail.timeline')}</h2>
          <MemberCaseTimeline events={events} />
          <details className="terms">
            <summary>{t('detail.stepsTitle')}</summary>
            <dl>
              {ALL_STATES.map((state) => (
                <div key={state}>
                  <dt>{t(`states.${state}.label`)}</dt>
                  <dd>{t(`states.${state}.meaning`)}</dd>
                </div>
              ))}
            </dl>
          </details>
        </section>
      </div>
      <MemberCaseDocuments caseId={c.id} documents={documents} />
    </>
  )
}

export function ErrorBoundary() {
  const { t } = useTranslation('cases')
  return <RouteErrorBoundary notFound={t('detail.notFound')} />
}
