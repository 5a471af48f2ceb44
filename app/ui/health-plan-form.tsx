import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { Form, Link, useNavigation } from '@remix-run/react'
import { centsToDollarInput } from '~/domain/money'
import { HealthPlanSchema, PLAN_TYPES } from '~/forms/health-plan'
import { ErrorList } from './primitives/error-list'
import { Field } from './primitives/field'

export interface HealthPlanFormValue {
  name: string
  planType: string
  isHsaQualified: 0 | 1
  deductibleIndividualCents: number
  deductibleFamilyCents: number
  coinsuranceRate: number
  oopMaxIndividualCents: number
  oopMaxFamilyCents: number
}

/** Create and edit share this form; the action validates with the same schema. */
export function HealthPlanForm({
  defaultValue,
  lastResult,
  submitLabel,
}: {
  defaultValue?: HealthPlanFormValue
  lastResult: SubmissionResult<string[]> | undefined
  submitLabel: string
}) {
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: 'health-plan',
    lastResult,
    constraint: getZodConstraint(HealthPlanSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    defaultValue: defaultValue
      ? {
          name: defaultValue.name,
          planType: defaultValue.planType,
          isHsaQualified: defaultValue.isHsaQualified ? 'on' : undefined,
          deductibleIndividualCents: centsToDollarInput(defaultValue.deductibleIndividualCents),
          deductibleFamilyCents: centsToDollarInput(defaultValue.deductibleFamilyCents),
          coinsuranceRate: String(Math.round(defaultValue.coinsuranceRate * 10_000) / 100),
          oopMaxIndividualCents: centsToDollarInput(defaultValue.oopMaxIndividualCents),
          oopMaxFamilyCents: centsToDollarInput(defaultValue.oopMaxFamilyCents),
        }
      : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: HealthPlanSchema }),
  })
  const money = (field: typeof fields.deductibleIndividualCents) => ({ ...getInputProps(field, { type: 'text' }), inputMode: 'decimal' as const })
  return (
    <Form method="post" {...getFormProps(form)} className="form-grid">
      <div id={form.errorId} role="alert" className="span-all">
        <ErrorList errors={form.errors} />
      </div>
      <Field className="span-all" label="Plan name" inputProps={getInputProps(fields.name, { type: 'text' })} errors={fields.name.errors} />
      <div className="field">
        <label htmlFor={fields.planType.id}>Plan type</label>
        <select {...getSelectProps(fields.planType)} aria-invalid={fields.planType.errors ? true : undefined}>
          <option value="">Choose…</option>
          {PLAN_TYPES.map((type) => (
            <option key={type} value={type}>
              {type === 'HDHP' ? 'HDHP (high-deductible)' : type}
            </option>
          ))}
        </select>
        <ErrorList id={`${fields.planType.id}-error`} errors={fields.planType.errors} />
      </div>
      <div className="field field--checkbox">
        <input {...getInputProps(fields.isHsaQualified, { type: 'checkbox' })} />
        <label htmlFor={fields.isHsaQualified.id}>HSA-qualified (the plan cannot pay before the IRS minimum deductible)</label>
        <ErrorList id={`${fields.isHsaQualified.id}-error`} errors={fields.isHsaQualified.errors} />
      </div>
      <Field label="Individual deductible ($)" inputProps={money(fields.deductibleIndividualCents)} errors={fields.deductibleIndividualCents.errors} />
      <Field label="Family deductible ($)" inputProps={money(fields.deductibleFamilyCents)} errors={fields.deductibleFamilyCents.errors} />
      <Field
        label="Coinsurance (%)"
        help="The member's share after the deductible, e.g. 20"
        inputProps={{ ...getInputProps(fields.coinsuranceRate, { type: 'text' }), inputMode: 'decimal' }}
        errors={fields.coinsuranceRate.errors}
      />
      <span aria-hidden="true" />
      <Field label="Individual out-of-pocket maximum ($)" inputProps={money(fields.oopMaxIndividualCents)} errors={fields.oopMaxIndividualCents.errors} />
      <Field label="Family out-of-pocket maximum ($)" inputProps={money(fields.oopMaxFamilyCents)} errors={fields.oopMaxFamilyCents.errors} />
      <div className="form-actions span-all">
        <button type="submit" className="button button--primary" disabled={navigation.state === 'submitting'}>
          {navigation.state === 'submitting' ? 'Saving…' : submitLabel}
        </button>
        <Link to="/employer/plans" className="button button--quiet">
          Cancel
        </Link>
      </div>
    </Form>
  )
}
