import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useEffect, useState } from 'react'
import { readForm } from '~/http/form-body.server'
import { requirePermission } from '~/auth/guard.server'
import { caseStateLabel } from '~/domain/cases/case-flow'
import { formatCents } from '~/domain/money'
import { formatUsPhone } from '~/domain/phone'
import type { z, ZodTypeAny } from 'zod'
import { CaseTransitionSchema, FirstConsultSchema, NinetyDayOutcomesSchema, ThirtyDayOutcomesSchema } from '~/forms/care'
import { WarrantyEventSchema } from '~/forms/warranty'
import { requireParam } from '~/http/params'
import { recordCheckIn, recordFirstConsult } from '~/services/case-outcomes.server'
import { assignCase, getCaseAssignment } from '~/services/case-assignment.server'
import { getCaseForCoordinator, transitionCase } from '~/services/cases.server'
import { CaseAssignee } from '~/ui/case-assignee'
import { CaseAssignSchema } from '~/forms/care-queue'
import { recordWarrantyEvent } from '~/services/warranty.server'
import { decideSurgeryDateProposal, findOpenProposalForCoordinator } from '~/services/center-patients.server'
import { ProposalDecisionSchema } from '~/forms/center-patients'
import { SurgeryDateProposal } from '~/ui/surgery-date-proposal'
import { listDocumentsForCoordinator } from '~/services/case-documents.server'
import { CoordinatorCaseDocuments } from '~/ui/case-documents'
import { CaseFollowUp, CaseWarranty, type CaseForm } from '~/ui/case-follow-up'
import { CaseTimeline } from '~/ui/case-timeline'
import { formatDate, formatDateTime } from '~/ui/format'
import { CaseMessages } from '~/ui/case-messages'
import { caseMessageSchema } from '~/forms/case-messages'
import { fixedT } from '~/i18n/translator'
import { getCareTeamThread, postCareTeamMessage } from '~/services/case-messages.server'
import { ErrorList } from '~/ui/primitives/error-list'
import { Field } from '~/ui/primitives/field'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'

export const meta: MetaFunction = () => [{ title: 'Case · Care team · COE Marketplace' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, 'case:manage')
  const caseId = requireParam(params, 'caseId')
  return {
    ...(await getCaseForCoordinator(actor, caseId)),
    proposal: await findOpenProposalForCoordinator(caseId),
    documents: await listDocumentsForCoordinator(caseId),
    assignment: { ...(await getCaseAssignment(caseId)), currentUserId: actor.userId },
    thread: await getCareTeamThread(actor, caseId),
  }
}

type Outcome = { ok: true } | { ok: false; fieldErrors: Record<string, string[]> }

/** One form of the page: parse with its schema, run its service, answer with its errors (tagged with the form) or go back to the case. */
async function handle<Schema extends ZodTypeAny>(form: CaseForm, formData: FormData, schema: Schema, run: (value: z.output<Schema>) => Promise<Outcome>, caseId: string) {
  const submission = parseWithZod(formData, { schema })
  if (submission.status !== 'success') return data({ ...submission.reply(), form }, { status: 400 })
  const result = await run(submission.value)
  if (!result.ok) return data({ ...submission.reply({ fieldErrors: result.fieldErrors }), form }, { status: 422 })
  return redirect(`/coordinator/cases/${caseId}`)
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, 'case:manage')
  const caseId = requireParam(params, 'caseId')
  const formData = await readForm(request)
  switch (formData.get('intent')) {
    case 'assign':
      return handle('assign', formData, CaseAssignSchema, (value) => assignCase(actor, caseId, value.assignee, value.expected), caseId)
    case 'first-consult':
      return handle('first-consult', formData, FirstConsultSchema, (value) => recordFirstConsult(actor, caseId, value), caseId)
    case 'thirty-day':
      return handle('thirty-day', formData, ThirtyDayOutcomesSchema, (value) => recordCheckIn(actor, caseId, value), caseId)
    case 'ninety-day':
      return handle('ninety-day', formData, NinetyDayOutcomesSchema, (value) => recordCheckIn(actor, caseId, value), caseId)
    case 'confirm-proposal':
    case 'decline-proposal':
      return handle('proposal' as CaseForm, formData, ProposalDecisionSchema, (value) => decideSurgeryDateProposal(actor, caseId, value), caseId)
    case 'message': {
      const submission = parseWithZod(formData, { schema: caseMessageSchema(fixedT('en', 'cases')) })
      if (submission.status !== 'success') return data({ ...submission.reply(), form: 'message' as const }, { status: 400 })
      await postCareTeamMessage(actor, caseId, submission.value.body, new URL(request.url).origin)
      return redirect(`/coordinator/cases/${caseId}#messages-heading`)
    }
    case 'warranty':
      return handle('warranty', formData, WarrantyEventSchema, (value) => recordWarrantyEvent(actor, caseId, value), caseId)
    default:
      return handle('transition', formData, CaseTransitionSchema, (value) => transitionCase(actor, caseId, value), caseId)
  }
}

/** The thread's labels on the care team's side are English (the member's side is in their language). */
const ENGLISH = fixedT('en', 'cases')

/** How the member asked to be contacted, in the care team's words. */
const CONTACT_LABEL = { email: 'E-mail', phone: 'Phone call', text: 'Text message' } as const

export default function CoordinatorCaseRoute() {
  const { case: c, events, isEligibleToday, next, ageDays, followUp, warranty, proposal, documents, assignment, thread } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: `transition-${c.status}`,
    lastResult: actionData?.form === 'transition' ? actionData : undefined,
    constraint: getZodConstraint(CaseTransitionSchema),
    shouldValidate: 'onSubmit',
    defaultValue: { to: next[0] },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CaseTransitionSchema }),
  })
  const travelCovered = c.travelEstimateCents > 0
  // Without JavaScript every field shows (each says when it is needed); with it, only the chosen step's.
  const [hydrated, setHydrated] = useState(false)
  const [to, setTo] = useState<string>(next[0] ?? '')
  useEffect(() => setHydrated(true), [])
  const when = (...states: string[]) => (!hydrated || states.includes(to) ? undefined : true)
  return (
    <>
      <p className="breadcrumb">
        <Link to="/coordinator">Case queue</Link>
      </p>
      <div className="page-head">
        <h1>
          {c.firstName} {c.lastName}: {c.procedureName}
        </h1>
        <span className={`badge badge--${c.status}`}>{caseStateLabel(c.status)}</span>
        {thread.unread > 0 ? <a href="#messages-heading" className="badge">{thread.unread} unread {thread.unread === 1 ? 'message' : 'messages'}</a> : null}
      </div>
      <p className="lead">
        Requested {formatDate(c.requestedAt)} ({ageDays} days ago) · {c.employerName}
      </p>
      <div className="grid-2">
        <section className="card" aria-labelledby="member-heading">
          <h2 id="member-heading">Member and eligibility</h2>
          <dl className="facts">
            <div>
              <dt>Employee id</dt>
              <dd>{c.employeeId}</dd>
            </div>
            <div>
              <dt>Date of birth</dt>
              <dd>{formatDate(c.dateOfBirth)}</dd>
            </div>
            <div>
              <dt>Home ZIP</dt>
              <dd>{c.memberZip}</dd>
            </div>
            <div>
              <dt>Health plan</dt>
              <dd>{c.planName ?? 'None on file'}</dd>
            </div>
            <div>
              <dt>Coverage</dt>
              <dd>
                {isEligibleToday ? 'Active today' : 'Not active today'}: from {formatDate(c.coverageStart)}
                {c.coverageEnd ? ` to ${formatDate(c.coverageEnd)}` : ''}
              </dd>
            </div>
            <div>
              <dt>Program</dt>
              <dd>
                {c.programName}, version {c.programVersion}
              </dd>
            </div>
            <div>
              <dt>Contact</dt>
              <dd>
                {CONTACT_LABEL[c.contactPreference]}
                {c.contactPhone ? (
                  <>
                    {' · '}
                    <a href={`${c.contactPreference === 'text' ? 'sms' : 'tel'}:${c.contactPhone}`}>{formatUsPhone(c.contactPhone)}</a>
                  </>
                ) : c.contactPreference !== 'email' ? (
                  ' · no phone number given (requested before the portal asked for one)'
                ) : null}
              </dd>
            </div>
            {c.contactEmail ? (
              <div>
                <dt>E-mail</dt>
                <dd>
                  <a href={`mailto:${c.contactEmail}`}>{c.contactEmail}</a>
                </dd>
              </div>
            ) : null}
            {c.memberNote ? (
              <div>
                <dt>Member's note</dt>
                <dd>{c.memberNote}</dd>
              </div>
            ) : null}
          </dl>
        </section>
        <section className="card" aria-labelledby="care-heading">
          <h2 id="care-heading">Center, money and travel</h2>
          <dl className="facts">
            <div>
              <dt>Center</dt>
              <dd>
                {c.facilityName}, {c.city}, {c.state}
                {c.phone ? ` · ${c.phone}` : ''}
              </dd>
            </div>
            <div>
              <dt>Bundled price</dt>
              <dd>{formatCents(c.bundlePriceCents)}</dd>
            </div>
            <div>
              <dt>Member pays</dt>
              <dd>{formatCents(c.memberCostCents)}</dd>
            </div>
            <div>
              <dt>Travel estimate</dt>
              <dd>{travelCovered ? formatCents(c.travelEstimateCents) : 'Not covered (within the local distance)'}</dd>
            </div>
            <div>
              <dt>Travel actually paid</dt>
              <dd>{c.travelActualCents === null ? 'Not entered' : formatCents(c.travelActualCents)}</dd>
            </div>
            <div>
              <dt>Companion</dt>
              <dd>{c.hasCompanion ? 'Yes' : 'No'}</dd>
            </div>
            <div>
              <dt>Preferred dates</dt>
              <dd>{c.preferredStart || c.preferredEnd ? `${formatDate(c.preferredStart)} to ${formatDate(c.preferredEnd)}` : 'Any'}</dd>
            </div>
            {c.scheduledDate ? (
              <div>
                <dt>Scheduled for</dt>
                <dd>{formatDate(c.scheduledDate)}</dd>
              </div>
            ) : null}
            {c.procedureDate ? (
              <div>
                <dt>Procedure done</dt>
                <dd>{formatDate(c.procedureDate)}</dd>
              </div>
            ) : null}
          </dl>
        </section>
      </div>
      <CaseAssignee {...assignment} error={actionData?.form === 'assign' ? (actionData.error?.assignee ?? undefined) : undefined} />
      <SurgeryDateProposal proposal={proposal} errors={actionData && 'form' in actionData && (actionData.form as string) === 'proposal' ? actionData.error ?? undefined : undefined} />
      {next.length > 0 ? (
        <section className="card" aria-labelledby="move-heading">
          <h2 id="move-heading">Move the case on</h2>
          <p className="muted small">
            Each step is recorded with your name and the time, and the member sees it on their timeline
            {c.contactPreference === 'email' ? ' and gets an e-mail' : ''}.
          </p>
          <Form method="post" {...getFormProps(form)} className="form-grid">
            <div id={form.errorId} role="alert" className="span-all">
              <ErrorList errors={form.errors} />
            </div>
            <div className="field span-all">
              <label htmlFor={fields.to.id}>Next status</label>
              <select {...getSelectProps(fields.to)} onChange={(event) => setTo(event.target.value)}>
                {next.map((s) => (
                  <option key={s} value={s}>
                    {caseStateLabel(s)}
                  </option>
                ))}
              </select>
              <ErrorList id={`${fields.to.id}-error`} errors={fields.to.errors} />
            </div>
            <div hidden={when('denied', 'cancelled')}>
              <Field label="Reason (for denied or cancelled)" inputProps={getInputProps(fields.reason, { type: 'text' })} errors={fields.reason.errors} />
            </div>
            <div hidden={when('scheduled')}>
              <Field
                label="Procedure date (for scheduled)"
                inputProps={getInputProps(fields.scheduledDate, {
                  type: 'date',
                })}
                errors={fields.scheduledDate.errors}
              />
            </div>
            <div hidden={when('procedure_done')}>
              <Field
                label="Date done (for procedure done)"
                inputProps={getInputProps(fields.procedureDate, {
                  type: 'date',
                })}
                errors={fields.procedureDate.errors}
              />
            </div>
            <div hidden={when('travel_booked', 'procedure_done', 'completed')}>
              <Field
                label="Travel actually paid ($)"
                help={travelCovered ? 'Needed to complete the case' : 'Travel is not covered for this case'}
                inputProps={{
                  ...getInputProps(fields.travelActualCents, { type: 'text' }),
                  inputMode: 'decimal',
                }}
                errors={fields.travelActualCents.errors}
              />
            </div>
            <div className="field span-all">
              <label htmlFor={fields.note.id}>Note for the timeline (optional)</label>
              <textarea {...getTextareaProps(fields.note)} rows={2} />
            </div>
            <div className="form-actions span-all">
              <button type="submit" className="button button--primary" disabled={navigation.state === 'submitting'}>
                Save the change
              </button>
            </div>
          </Form>
        </section>
      ) : null}
      {followUp.checkIns.length > 0 ? (
        <>
          <CaseFollowUp followUp={followUp} actionData={actionData?.form === 'message' ? undefined : actionData} />
          <CaseWarranty warranty={warranty} actionData={actionData?.form === 'message' ? undefined : actionData} />
        </>
      ) : null}
      <CoordinatorCaseDocuments caseId={c.id} documents={documents} />
      <section className="card" aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Timeline</h2>
        <CaseTimeline events={events} showActor />
      </section>
      <CaseMessages viewer="care_team" messages={thread.messages} unread={thread.unread} t={ENGLISH} formatDateTime={formatDateTime} lastResult={actionData?.form === 'message' ? actionData : undefined} />
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary notFound="This case doesn't exist." />
}
