import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { Form, useNavigation } from '@remix-run/react'
import { useEffect, useState } from 'react'
import { WARRANTY_KIND_LABELS, WARRANTY_PLACE_LABELS, type WarrantyEventKind, type WarrantyPlace } from '~/domain/contracts/warranty'
import { formatCents } from '~/domain/money'
import { FirstConsultSchema, NinetyDayOutcomesSchema, ThirtyDayOutcomesSchema } from '~/forms/care'
import { WarrantyEventSchema } from '~/forms/warranty'
import { formatDate, formatDateTime } from './format'
import { ErrorList } from './primitives/error-list'
import { Field } from './primitives/field'

/*
 * The coordinator's follow-up of a case after its procedure (issue 21, ADR 0016 §9): the first
 * consult date, the 30- and 90-day check-ins (each form only from its day, each recorded once and
 * then read-only), and the warranty of the contract covering the case with its events.
 */

/** Which form of the case page an action answered (its errors go to that form only). */
export type CaseForm = 'transition' | 'first-consult' | 'thirty-day' | 'ninety-day' | 'warranty' | 'assign'
type ActionData = ({ form: CaseForm } & SubmissionResult<string[]>) | undefined

interface CheckInView {
  checkpoint: 'thirty_day' | 'ninety_day'
  label: string
  dueOn: string
  state: 'not_due' | 'due' | 'recorded'
  isOverdue?: boolean
  recordedAt?: string | null
  recordedBy: string | null
  answers: Array<{ question: string; answer: string }>
}

export interface FollowUpView {
  firstConsult: { date: string; recordedBy: string | null } | null
  checkIns: CheckInView[]
}

const resultFor = (actionData: ActionData, form: CaseForm) => (actionData?.form === form ? actionData : undefined)
const by = (name: string | null) => (name ? ` by ${name}` : '')

export function CaseFollowUp({ followUp, actionData }: { followUp: FollowUpView; actionData: ActionData }) {
  return (
    <section className="card" aria-labelledby="follow-up-heading">
      <h2 id="follow-up-heading">Follow-up after the procedure</h2>
      <p className="muted small">Each answer is recorded once, with your name and the time; it cannot be changed afterwards.</p>
      <h3>First consult</h3>
      {followUp.firstConsult ? (
        <p>
          {formatDate(followUp.firstConsult.date)}
          <span className="muted small"> · recorded{by(followUp.firstConsult.recordedBy)}</span>
        </p>
      ) : (
        <FirstConsultForm lastResult={resultFor(actionData, 'first-consult')} />
      )}
      {followUp.checkIns.map((checkIn) => (
        <CheckIn key={checkIn.checkpoint} checkIn={checkIn} lastResult={resultFor(actionData, checkIn.checkpoint === 'thirty_day' ? 'thirty-day' : 'ninety-day')} />
      ))}
    </section>
  )
}

function FirstConsultForm({ lastResult }: { lastResult: ActionData }) {
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: 'first-consult',
    lastResult,
    constraint: getZodConstraint(FirstConsultSchema),
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: FirstConsultSchema }),
  })
  return (
    <Form method="post" {...getFormProps(form)} className="form-grid">
      <input type="hidden" name="intent" value="first-consult" />
      <div id={form.errorId} role="alert" className="span-all">
        <ErrorList errors={form.errors} />
      </div>
      <Field label="Date of the first consult" inputProps={getInputProps(fields.firstConsultDate, { type: 'date' })} errors={fields.firstConsultDate.errors} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={navigation.state === 'submitting'}>
          Record the first consult
        </button>
      </div>
    </Form>
  )
}

function CheckIn({ checkIn, lastResult }: { checkIn: CheckInView; lastResult: ActionData }) {
  const headingId = `${checkIn.checkpoint}-heading`
  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId}>{checkIn.label}</h3>
      {checkIn.state === 'not_due' ? (
        <p>Due on {formatDate(checkIn.dueOn)}: it can be recorded from that day on.</p>
      ) : checkIn.state === 'recorded' ? (
        <>
          <dl className="facts">
            {checkIn.answers.map((a) => (
              <div key={a.question}>
                <dt>{a.question}</dt>
                <dd>{a.answer}</dd>
              </div>
            ))}
          </dl>
          <p className="muted small">
            {checkIn.recordedAt ? `Recorded ${formatDateTime(checkIn.recordedAt)} UTC${by(checkIn.recordedBy)}` : 'Recorded when the case was completed, before check-ins were asked.'}
          </p>
        </>
      ) : (
        <>
          <p className={checkIn.isOverdue ? 'error-text' : undefined}>
            {checkIn.isOverdue ? `Overdue: due since ${formatDate(checkIn.dueOn)}` : `Due since ${formatDate(checkIn.dueOn)}`}
          </p>
          {checkIn.checkpoint === 'thirty_day' ? <ThirtyDayForm lastResult={lastResult} /> : <NinetyDayForm lastResult={lastResult} />}
        </>
      )}
    </section>
  )
}

function ThirtyDayForm({ lastResult }: { lastResult: ActionData }) {
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: 'thirty-day',
    lastResult,
    constraint: getZodConstraint(ThirtyDayOutcomesSchema),
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ThirtyDayOutcomesSchema }),
  })
  return (
    <Form method="post" {...getFormProps(form)} className="form-grid">
      <input type="hidden" name="intent" value="thirty-day" />
      <div id={form.errorId} role="alert" className="span-all">
        <ErrorList errors={form.errors} />
      </div>
      <YesNo legend="Readmitted within 30 days" name={fields.wasReadmitted.name} errors={fields.wasReadmitted.errors} />
      <Field
        label="Satisfaction, 0 to 10 (optional)"
        inputProps={{ ...getInputProps(fields.satisfaction, { type: 'text' }), inputMode: 'numeric' }}
        errors={fields.satisfaction.errors}
      />
      <div className="form-actions span-all">
        <button type="submit" className="button" disabled={navigation.state === 'submitting'}>
          Record the 30-day check-in
        </button>
      </div>
    </Form>
  )
}

function NinetyDayForm({ lastResult }: { lastResult: ActionData }) {
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: 'ninety-day',
    lastResult,
    constraint: getZodConstraint(NinetyDayOutcomesSchema),
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NinetyDayOutcomesSchema }),
  })
  return (
    <Form method="post" {...getFormProps(form)} className="form-grid">
      <input type="hidden" name="intent" value="ninety-day" />
      <div id={form.errorId} role="alert" className="span-all">
        <ErrorList errors={form.errors} />
      </div>
      <YesNo legend="Complication within 90 days" name={fields.hadComplication.name} errors={fields.hadComplication.errors} />
      <YesNo legend="Patient-reported outcome questions answered" name={fields.hasPatientReportedOutcomes.name} errors={fields.hasPatientReportedOutcomes.errors} />
      <div className="form-actions span-all">
        <button type="submit" className="button" disabled={navigation.state === 'submitting'}>
          Record the 90-day check-in
        </button>
      </div>
    </Form>
  )
}

function YesNo({ legend, name, errors }: { legend: string; name: string; errors: string[] | undefined }) {
  return (
    <fieldset className="checkbox-group" aria-describedby={errors?.length ? `${name}-error` : undefined}>
      <legend>{legend}</legend>
      {(['yes', 'no'] as const).map((v) => (
        <label key={v}>
          <input type="radio" name={name} value={v} /> {v === 'yes' ? 'Yes' : 'No'}
        </label>
      ))}
      <ErrorList id={`${name}-error`} errors={errors} />
    </fieldset>
  )
}

interface WarrantyEventView {
  id: string
  kind: WarrantyEventKind
  occurredOn: string
  place: WarrantyPlace
  providerName: string | null
  description: string
  costCents: number
  creditedCents: number
  recordedAt: string
  recordedBy: string | null
  creditStatus: string | null
}

export interface WarrantyView {
  contract: {
    title: string
    version: number
    covers: string[]
    coverage: string
    windowInWords: string
    window: { lastDay: string; from: string }
    canRecord: boolean
    /** Why the form is not offered (null when it is). */
    notOffered: string | null
  } | null
  events: WarrantyEventView[]
}

/** The events of a case's warranty: what, when, where, cost, credit, who recorded it. */
function WarrantyEvents({ events }: { events: WarrantyEventView[] }) {
  if (events.length === 0) return <p>No warranty events recorded.</p>
  return (
    <ul className="timeline">
      {events.map((e) => (
        <li key={e.id}>
          <strong>
            {WARRANTY_KIND_LABELS[e.kind]} on {formatDate(e.occurredOn)}, {e.place === 'center' ? 'at the center' : `at ${e.providerName}`}
          </strong>
          <span className="muted small">
            {' '}
            · recorded {formatDateTime(e.recordedAt)} UTC{by(e.recordedBy)}
          </span>
          <p className="small">{e.description}</p>
          <p className="small">
            {e.place === 'center' ? 'Invoiced at $0 by the center.' : `Cost ${formatCents(e.costCents)}, credited back by the center: ${formatCents(e.creditedCents)}.`}
            {e.creditStatus ? ` ${e.creditStatus}.` : ''}
          </p>
        </li>
      ))}
    </ul>
  )
}

export function CaseWarranty({ warranty, actionData }: { warranty: WarrantyView; actionData: ActionData }) {
  const { contract } = warranty
  return (
    <section className="card" aria-labelledby="warranty-heading">
      <h2 id="warranty-heading">Warranty</h2>
      {contract ? (
        <p>
          Under <strong>{contract.title}</strong> (version {contract.version}): covers {contract.coverage} from {contract.windowInWords}.
        </p>
      ) : (
        <p>This case is not under a value-based contract, so no warranty covers it.</p>
      )}
      <WarrantyEvents events={warranty.events} />
      {contract?.canRecord ? (
        <WarrantyForm covers={contract.covers} lastResult={resultFor(actionData, 'warranty')} />
      ) : contract ? (
        <p className="muted">{contract.notOffered}</p>
      ) : null}
    </section>
  )
}

function WarrantyForm({ covers, lastResult }: { covers: string[]; lastResult: ActionData }) {
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: 'warranty',
    lastResult,
    constraint: getZodConstraint(WarrantyEventSchema),
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: WarrantyEventSchema }),
  })
  const kinds = (['complication', 'readmission'] as const).filter((kind) => covers.includes(`${kind}s`))
  // Without JavaScript every field shows (each says when it is needed); with it, the elsewhere fields only for care elsewhere.
  const [hydrated, setHydrated] = useState(false)
  const [place, setPlace] = useState<string>('')
  useEffect(() => setHydrated(true), [])
  const hideElsewhere = hydrated && place !== 'elsewhere' ? true : undefined
  return (
    <Form method="post" {...getFormProps(form)} className="form-grid">
      <input type="hidden" name="intent" value="warranty" />
      <h3 className="span-all">Record a warranty event</h3>
      <div id={form.errorId} role="alert" className="span-all">
        <ErrorList errors={form.errors} />
      </div>
      <div className="field">
        <label htmlFor={fields.kind.id}>What happened</label>
        <select {...getSelectProps(fields.kind)}>
          {kinds.map((kind) => (
            <option key={kind} value={kind}>
              {WARRANTY_KIND_LABELS[kind]}
            </option>
          ))}
        </select>
        <ErrorList id={`${fields.kind.id}-error`} errors={fields.kind.errors} />
      </div>
      <Field label="Date it happened" inputProps={getInputProps(fields.occurredOn, { type: 'date' })} errors={fields.occurredOn.errors} />
      <fieldset className="checkbox-group span-all">
        <legend>Where the care took place</legend>
        {(['center', 'elsewhere'] as const).map((value) => (
          <label key={value}>
            <input type="radio" name={fields.place.name} value={value} onChange={() => setPlace(value)} /> {WARRANTY_PLACE_LABELS[value]}
          </label>
        ))}
        <ErrorList id={`${fields.place.id}-error`} errors={fields.place.errors} />
      </fieldset>
      <div hidden={hideElsewhere}>
        <Field label="Hospital or provider (for care elsewhere)" inputProps={getInputProps(fields.providerName, { type: 'text' })} errors={fields.providerName.errors} />
      </div>
      <div hidden={hideElsewhere}>
        <Field
          label="Cost of the care ($, for care elsewhere)"
          help="The center credits it back to the employer. Care at the center is invoiced at $0."
          inputProps={{ ...getInputProps(fields.costCents, { type: 'text' }), inputMode: 'decimal' }}
          errors={fields.costCents.errors}
        />
      </div>
      <div className="field span-all">
        <label htmlFor={fields.description.id}>Short description</label>
        <textarea {...getTextareaProps(fields.description)} rows={2} />
        <ErrorList id={`${fields.description.id}-error`} errors={fields.description.errors} />
      </div>
      <div className="form-actions span-all">
        <button type="submit" className="button" disabled={navigation.state === 'submitting'}>
          Record the warranty event
        </button>
      </div>
    </Form>
  )
}
