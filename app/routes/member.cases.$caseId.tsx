import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { stepsAhead } from '~/domain/cases/steps-ahead'
import { caseMessageSchema, memberCancelSchema } from '~/forms/case-messages'
import { readForm } from '~/http/form-body.server'
import { languageOf } from '~/i18n/language.server'
import { fixedT } from '~/i18n/translator'
import { cancelMyCase, getMyThread, postMyMessage } from '~/services/case-messages.server'
import { CaseMessages, MemberCancelForm, StepsAhead } from '~/ui/case-messages'
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
  const page = await getMyCase(actor, caseId)
  const status = page.case.status
  return { ...page, documents: await listMyCaseDocuments(actor, caseId), thread: await getMyThread(actor, caseId), stepsAhead: stepsAhead(status, page.case.travelEstimateCents > 0), canCancel: status === 'requested' || status === 'eligibility_verified' }
}

/** The member writes to the care team (intent=message) or cancels before scheduling (intent=cancel), in their language. */
export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, 'member:self')
  const caseId = requireParam(params, 'caseId')
  const t = fixedT(await languageOf(request), 'cases')
  const formData = await readForm(request)
  if (formData.get('intent') === 'cancel') {
    const submission = parseWithZod(formData, { schema: memberCancelSchema(t) })
    if (submission.status !== 'success') return data({ ...submission.reply(), form: 'cancel' as const }, { status: 400 })
    const { reasonChoice, reasonText } = submission.value
    const reason = reasonChoice === 'other' ? reasonText! : [t(`cancel.reasons.${reasonChoice}`), reasonText].filter(Boolean).join(': ')
    const result = await cancelMyCase(actor, caseId, reason)
    if (!result.ok) return data({ ...submission.reply({ formErrors: [t(`cancel.${result.problem}`)] }), form: 'cancel' as const }, { status: 409 })
    return redirect(`/member/cases/${caseId}?cancelled=1`)
  }
  const submission = parseWithZod(formData, { schema: caseMessageSchema(t) })
  if (submission.status !== 'success') return data({ ...submission.reply(), form: 'message' as const }, { status: 400 })
  await postMyMessage(actor, caseId, submission.value.body)
  return redirect(`/member/cases/${caseId}?sent=1#messages-heading`)
}

/** Every state a member's case can be in, in the order a case goes through them. */
const ALL_STATES: readonly CaseState[] = [...CASE_PATH, 'cancelled', 'denied']

export default function MyCaseRoute() {
  const { case: c, events, checkIns, documents, thread, stepsAhead: ahead, canCancel } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
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
      ) : params.has('sent') || params.has('cancelled') ? (
        <div role="status" className="card notice">
          <p>{params.has('sent') ? t('thread.sent') : t('cancel.done')}</p>
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
      <StepsAhead steps={ahead} t={t} />
      <CaseMessages viewer="member" messages={thread.messages} unread={thread.unread} t={t} formatDateTime={format.date} lastResult={actionData?.form === 'message' ? actionData : undefined} />
      {canCancel || actionData?.form === 'cancel' ? <MemberCancelForm t={t} lastResult={actionData?.form === 'cancel' ? actionData : undefined} /> : null}
    </>
  )
}

export function ErrorBoundary() {
  const { t } = useTranslation('cases')
  return <RouteErrorBoundary notFound={t('detail.notFound')} />
}
