import { getFormProps, getInputProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { Form, Link } from '@remix-run/react'
import { caseStateLabel, type CaseState } from '~/domain/cases/case-flow'
import { ACTIVITY_LABELS, type Activity, type Party } from '~/domain/contracts/terms'
import { SurgeryDateProposalSchema } from '~/forms/center-patients'
import { formatDate } from './format'
import { ErrorList } from './primitives/error-list'
import { Field } from './primitives/field'
import { SaveStatus } from './save-status'

const PARTY_WORDS: Record<Party, string> = { purchaser: 'the employer', center: 'your team', platform: 'the platform care team' }
const PROPOSAL_STATUS: Record<string, string> = { proposed: 'Waiting for the care coordinator', confirmed: 'Confirmed', declined: 'Declined', withdrawn: 'Withdrawn' }

interface Props {
  patient: {
    id: string; status: CaseState; firstName: string; lastName: string; dateOfBirth: string; procedureName: string; facilityName: string
    preferredStart: string | null; preferredEnd: string | null; scheduledDate: string | null; procedureDate: string | null; hasCompanion: boolean; isTravelCovered: boolean
  }
  contract: { title: string; activities: Array<{ activity: Activity; party: Party; doneAt: string | null }> } | null
  proposals: Array<{ id: string; proposedDate: string; note: string | null; status: string; proposedAt: string; decidedAt: string | null; decisionNote: string | null }>
  canPropose: boolean
  saved: string | null
  actionData: (SubmissionResult<string[]> & { form: string }) | undefined
}

/** A health system's view of one incoming patient: minimum necessary facts, its tasks, surgery date proposals. */
export function IncomingPatient({ patient: p, contract, proposals, canPropose, saved, actionData }: Props) {
  const [form, fields] = useForm({
    id: 'propose-surgery-date',
    lastResult: actionData?.form === 'proposal' ? actionData : undefined,
    constraint: getZodConstraint(SurgeryDateProposalSchema),
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SurgeryDateProposalSchema }),
  })
  const open = proposals.find((proposal) => proposal.status === 'proposed')
  const taskErrors = actionData?.form === 'task' ? Object.values(actionData.error ?? {}).flat().filter((e): e is string => typeof e === 'string') : []
  return (
    <>
      <p className="breadcrumb">
        <Link to="/center/patients">Incoming patients</Link>
      </p>
      <div className="page-head">
        <h1>{p.firstName} {p.lastName}: {p.procedureName}</h1>
        <span className={`badge badge--${p.status}`}>{caseStateLabel(p.status)}</span>
      </div>
      <SaveStatus message={saved} />
      <section className="card" aria-labelledby="patient-heading">
        <h2 id="patient-heading">Patient</h2>
        <dl className="facts">
          <div><dt>Date of birth</dt><dd>{formatDate(p.dateOfBirth)}</dd></div>
          <div><dt>Facility</dt><dd>{p.facilityName}</dd></div>
          <div><dt>Preferred dates</dt><dd>{p.preferredStart ? `${formatDate(p.preferredStart)} to ${formatDate(p.preferredEnd)}` : 'None given'}</dd></div>
          <div><dt>Scheduled date</dt><dd>{p.scheduledDate ? formatDate(p.scheduledDate) : 'Not yet scheduled'}</dd></div>
          <div><dt>Procedure date</dt><dd>{p.procedureDate ? formatDate(p.procedureDate) : 'Not yet done'}</dd></div>
          <div><dt>Companion</dt><dd>{p.hasCompanion ? 'Yes' : 'No'}</dd></div>
          <div><dt>Travel covered</dt><dd>{p.isTravelCovered ? 'Yes' : 'No'}</dd></div>
        </dl>
      </section>
      <section className="card" aria-labelledby="tasks-heading">
        <h2 id="tasks-heading">Tasks under the contract</h2>
        {contract === null ? (
          <p className="empty">No signed contract in force covers this case, so there is no division of responsibilities and no tasks for you here.</p>
        ) : (
          <>
            <p className="muted">Division of responsibilities in {contract.title}.</p>
            <ErrorList id="task-errors" errors={taskErrors} />
            <ul className="task-list">
              {contract.activities.map((task) => (
                <li key={task.activity}>
                  <strong>{ACTIVITY_LABELS[task.activity][0]!.toUpperCase() + ACTIVITY_LABELS[task.activity].slice(1)}</strong>:{' '}
                  {task.party !== 'center' ? (
                    <>done by {PARTY_WORDS[task.party]}</>
                  ) : task.doneAt ? (
                    <>your task, done {formatDate(task.doneAt.slice(0, 10))}</>
                  ) : (
                    <Form method="post" className="inline-form">
                      your task{' '}
                      <input type="hidden" name="intent" value="task" />
                      <input type="hidden" name="activity" value={task.activity} />
                      <button type="submit" className="button button--small">Mark {ACTIVITY_LABELS[task.activity]} done</button>
                    </Form>
                  )}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <section className="card" aria-labelledby="proposal-heading">
        <h2 id="proposal-heading">Surgery date</h2>
        {proposals.length > 0 ? (
          <ul>
            {proposals.map((proposal) => (
              <li key={proposal.id}>
                {formatDate(proposal.proposedDate)}: {PROPOSAL_STATUS[proposal.status]}
                {proposal.note ? ` · ${proposal.note}` : ''}
                {proposal.decisionNote ? ` · Reason: ${proposal.decisionNote}` : ''}
              </li>
            ))}
          </ul>
        ) : null}
        {open ? (
          <Form method="post">
            <input type="hidden" name="intent" value="withdraw" />
            <button type="submit" className="button">Withdraw the proposal for {formatDate(open.proposedDate)}</button>
          </Form>
        ) : null}
        {canPropose ? (
          <Form method="post" {...getFormProps(form)}>
            <input type="hidden" name="intent" value="propose" />
            <ErrorList id={form.errorId} errors={form.errors} />
            <Field label="Proposed surgery date" inputProps={{ ...getInputProps(fields.proposedDate, { type: 'date' }) }} errors={fields.proposedDate.errors} help="From tomorrow to 18 months ahead. The care coordinator confirms it with the member." />
            <div className="field">
              <label htmlFor={fields.note.id}>Note (optional)</label>
              <textarea {...getTextareaProps(fields.note)} rows={3} aria-invalid={fields.note.errors ? true : undefined} aria-describedby={fields.note.errors ? `${fields.note.id}-error` : undefined} />
              <ErrorList id={`${fields.note.id}-error`} errors={fields.note.errors} />
            </div>
            <button type="submit" className="button button--primary">Propose this date</button>
          </Form>
        ) : !open ? (
          <p className="muted">{p.status === 'eligibility_verified' ? '' : 'A surgery date can be proposed only while the case is eligibility verified (not yet scheduled).'}</p>
        ) : null}
      </section>
    </>
  )
}
