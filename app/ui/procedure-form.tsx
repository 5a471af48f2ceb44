import { getFormProps, getInputProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { Form, Link, useNavigation } from '@remix-run/react'
import { centsToDollarInput } from '~/domain/money'
import { ProcedureSchema } from '~/forms/procedure'
import { ErrorList } from './primitives/error-list'
import { Field } from './primitives/field'

export interface ProcedureFormValue {
  code: string
  name: string
  description: string
  drgCodes: string[]
  typicalNights: number
  nightsSource: string
  nightsAway: number
  nightsAwaySource: string
  incidencePerThousand: number
  incidenceSource: string
  medicareBaseCents: number | null
  medicareBaseSource: string | null
  isActive: 0 | 1
}

export function ProcedureForm({ defaultValue, lastResult, submitLabel }: { defaultValue?: ProcedureFormValue; lastResult: SubmissionResult<string[]> | undefined; submitLabel: string }) {
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: 'procedure',
    lastResult,
    constraint: getZodConstraint(ProcedureSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    defaultValue: defaultValue
      ? {
          ...defaultValue,
          drgCodes: defaultValue.drgCodes.join(', '),
          typicalNights: String(defaultValue.typicalNights),
          nightsAway: String(defaultValue.nightsAway),
          incidencePerThousand: String(defaultValue.incidencePerThousand),
          medicareBaseCents: defaultValue.medicareBaseCents === null ? '' : centsToDollarInput(defaultValue.medicareBaseCents),
          medicareBaseSource: defaultValue.medicareBaseSource ?? '',
          isActive: defaultValue.isActive ? 'on' : undefined,
        }
      : { isActive: 'on' },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProcedureSchema }),
  })
  return (
    <Form method="post" {...getFormProps(form)} className="form-grid">
      <div id={form.errorId} role="alert" className="span-all">
        <ErrorList errors={form.errors} />
      </div>
      <Field label="Code" inputProps={getInputProps(fields.code, { type: 'text' })} errors={fields.code.errors} />
      <Field label="Name" inputProps={getInputProps(fields.name, { type: 'text' })} errors={fields.name.errors} />
      <div className="field span-all">
        <label htmlFor={fields.description.id}>Plain-language description (members read it)</label>
        <textarea {...getTextareaProps(fields.description)} rows={3} aria-invalid={fields.description.errors ? true : undefined} />
        <ErrorList id={`${fields.description.id}-error`} errors={fields.description.errors} />
      </div>
      <Field label="MS-DRG codes" help="Comma-separated, e.g. 469, 470" inputProps={getInputProps(fields.drgCodes, { type: 'text' })} errors={fields.drgCodes.errors} />
      <div className="field field--checkbox">
        <input {...getInputProps(fields.isActive, { type: 'checkbox' })} />
        <label htmlFor={fields.isActive.id}>Offered in the marketplace</label>
      </div>
      <Field label="Typical nights in hospital" inputProps={{ ...getInputProps(fields.typicalNights, { type: 'text' }), inputMode: 'numeric' }} errors={fields.typicalNights.errors} />
      <Field label="Source of the nights" inputProps={getInputProps(fields.nightsSource, { type: 'text' })} errors={fields.nightsSource.errors} />
      <Field
        label="Nights away from home"
        help="What the travel estimate's lodging counts: the pre-operative visit, the hospital stay and the recovery the center asks for before travel home (e.g. 5 for a hip or knee). A program's travel rule may set its own."
        inputProps={{ ...getInputProps(fields.nightsAway, { type: 'text' }), inputMode: 'numeric' }}
        errors={fields.nightsAway.errors}
      />
      <Field label="Source of the nights away" inputProps={getInputProps(fields.nightsAwaySource, { type: 'text' })} errors={fields.nightsAwaySource.errors} />
      <Field label="Cases per 1,000 members a year" inputProps={{ ...getInputProps(fields.incidencePerThousand, { type: 'text' }), inputMode: 'decimal' }} errors={fields.incidencePerThousand.errors} />
      <Field label="Source of the incidence" inputProps={getInputProps(fields.incidenceSource, { type: 'text' })} errors={fields.incidenceSource.errors} />
      <Field label="Medicare episode price ($, optional)" inputProps={{ ...getInputProps(fields.medicareBaseCents, { type: 'text' }), inputMode: 'decimal' }} errors={fields.medicareBaseCents.errors} />
      <Field label="Source of the Medicare price" inputProps={getInputProps(fields.medicareBaseSource, { type: 'text' })} errors={fields.medicareBaseSource.errors} />
      <div className="form-actions span-all">
        <button type="submit" className="button button--primary" disabled={navigation.state === 'submitting'}>
          {navigation.state === 'submitting' ? 'Saving…' : submitLabel}
        </button>
        <Link to="/admin/procedures" className="button button--quiet">
          Cancel
        </Link>
      </div>
    </Form>
  )
}
