import { getCollectionProps, getFormProps, getInputProps, getSelectProps, useForm, type DefaultValue, type FormMetadata, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { Form, useNavigation } from '@remix-run/react'
import type { ReactNode } from 'react'
import type { z, ZodTypeAny } from 'zod'
import { centsToDollarInput } from '~/domain/money'
import { BenefitRulesSchema, ProgramDetailsSchema, ProgramProceduresSchema, TravelRulesSchema } from '~/forms/program'
import type { ProgramRulesView } from './program-summary'
import { ErrorList } from './primitives/error-list'
import { Field } from './primitives/field'

type LastResult = SubmissionResult<string[]> | undefined

const percentInput = (rate: number) => String(Math.round(rate * 10_000) / 100)

/** One section's form: conform wiring, form-level errors and the save button. */
function useSectionForm<S extends ZodTypeAny>(id: string, schema: S, lastResult: LastResult, defaultValue: Record<string, string | string[] | undefined>) {
  return useForm<z.input<S>, z.output<S>>({
    id,
    lastResult,
    constraint: getZodConstraint(schema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    defaultValue: defaultValue as DefaultValue<z.input<S>>,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  })
}

function SectionForm({ form, intent, label, children }: { form: FormMetadata<any, string[]>; intent: string; label: string; children: ReactNode }) {
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting' && navigation.formData?.get('intent') === intent
  return (
    <Form method="post" {...getFormProps(form)} className="form-grid">
      <div id={form.errorId} role="alert" className="span-all">
        <ErrorList errors={form.errors} />
      </div>
      <input type="hidden" name="intent" value={intent} />
      {children}
      <div className="form-actions span-all">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Saving…' : label}
        </button>
      </div>
    </Form>
  )
}

export function ProgramDetailsForm({ value, lastResult }: { value: { name: string; effectiveFrom: string; effectiveTo: string | null }; lastResult: LastResult }) {
  const [form, fields] = useSectionForm('program-details', ProgramDetailsSchema, lastResult, {
    name: value.name,
    effectiveFrom: value.effectiveFrom,
    effectiveTo: value.effectiveTo ?? undefined,
  })
  return (
    <SectionForm form={form} intent="details" label="Save details">
      <Field className="span-all" label="Program name" inputProps={getInputProps(fields.name, { type: 'text' })} errors={fields.name.errors} />
      <Field label="Starts on" inputProps={getInputProps(fields.effectiveFrom, { type: 'date' })} errors={fields.effectiveFrom.errors} />
      <Field
        label="Ends on (optional)"
        help="Leave empty for a program without an end date"
        inputProps={getInputProps(fields.effectiveTo, { type: 'date' })}
        errors={fields.effectiveTo.errors}
      />
    </SectionForm>
  )
}

export function ProgramProceduresForm({
  catalog,
  chosenIds,
  lastResult,
}: {
  catalog: ReadonlyArray<{ id: string; code: string; name: string; description: string }>
  chosenIds: readonly string[]
  lastResult: LastResult
}) {
  const [form, fields] = useSectionForm('program-procedures', ProgramProceduresSchema, lastResult, { procedureIds: [...chosenIds] })
  const boxes = getCollectionProps(fields.procedureIds, { type: 'checkbox', options: catalog.map((p) => p.id) })
  return (
    <SectionForm form={form} intent="procedures" label="Save procedures">
      <fieldset className="span-all checkbox-group" aria-describedby={`${fields.procedureIds.id}-error`}>
        <legend>Covered procedures</legend>
        {boxes.map((props, i) => {
          const procedure = catalog[i]!
          return (
            <div className="field field--checkbox" key={props.key}>
              <input {...props} key={props.key} />
              <label htmlFor={props.id}>
                {procedure.name}
              </label>
            </div>
          )
        })}
        <ErrorList id={`${fields.procedureIds.id}-error`} errors={fields.procedureIds.errors} />
      </fieldset>
    </SectionForm>
  )
}

export function BenefitRulesForm({ rules, lastResult }: { rules: ProgramRulesView; lastResult: LastResult }) {
  const [form, fields] = useSectionForm('benefit-rules', BenefitRulesSchema, lastResult, {
    deductibleWaived: rules.deductibleWaived ? 'on' : undefined,
    coinsuranceWaived: rules.coinsuranceWaived ? 'on' : undefined,
    coeCopayCents: centsToDollarInput(rules.coeCopayCents),
    completionIncentiveCents: centsToDollarInput(rules.completionIncentiveCents),
    outsideRule: rules.outsideRule,
    outsideCoinsuranceRate: rules.outsideCoinsuranceRate === null ? undefined : percentInput(rules.outsideCoinsuranceRate),
  })
  const money = (field: typeof fields.coeCopayCents) => ({ ...getInputProps(field, { type: 'text' }), inputMode: 'decimal' as const })
  return (
    <SectionForm form={form} intent="benefit" label="Save benefit rules">
      <div className="field field--checkbox">
        <input {...getInputProps(fields.deductibleWaived, { type: 'checkbox' })} />
        <label htmlFor={fields.deductibleWaived.id}>Deductible waived at a center of excellence</label>
      </div>
      <div className="field field--checkbox">
        <input {...getInputProps(fields.coinsuranceWaived, { type: 'checkbox' })} />
        <label htmlFor={fields.coinsuranceWaived.id}>Coinsurance waived at a center of excellence</label>
      </div>
      <Field label="COE copay ($)" help="What the member pays per case at a center, 0 for none" inputProps={money(fields.coeCopayCents)} errors={fields.coeCopayCents.errors} />
      <Field
        label="Completion incentive ($)"
        help="Paid to the employee after the procedure, 0 for none"
        inputProps={money(fields.completionIncentiveCents)}
        errors={fields.completionIncentiveCents.errors}
      />
      <div className="field">
        <label htmlFor={fields.outsideRule.id}>The same procedure outside the program</label>
        <select {...getSelectProps(fields.outsideRule)} aria-invalid={fields.outsideRule.errors ? true : undefined}>
          <option value="plan_terms">Normal plan terms</option>
          <option value="higher_coinsurance">A higher coinsurance</option>
          <option value="not_covered">Not covered</option>
        </select>
        <ErrorList id={`${fields.outsideRule.id}-error`} errors={fields.outsideRule.errors} />
      </div>
      <Field
        label="Coinsurance outside the program (%)"
        help="Only for “a higher coinsurance”, e.g. 40"
        inputProps={{ ...getInputProps(fields.outsideCoinsuranceRate, { type: 'text' }), inputMode: 'decimal' }}
        errors={fields.outsideCoinsuranceRate.errors}
      />
    </SectionForm>
  )
}

export function TravelRulesForm({ rules, lastResult }: { rules: ProgramRulesView; lastResult: LastResult }) {
  const [form, fields] = useSectionForm('travel-rules', TravelRulesSchema, lastResult, {
    minDistanceMiles: String(rules.minDistanceMiles),
    companionCovered: rules.companionCovered ? 'on' : undefined,
    flyThresholdMiles: String(rules.flyThresholdMiles),
    mileageRateCents: centsToDollarInput(rules.mileageRateCents),
    airfareAllowanceCents: centsToDollarInput(rules.airfareAllowanceCents),
    lodgingNights: rules.lodgingNights === null ? undefined : String(rules.lodgingNights),
    lodgingNightlyCapCents: centsToDollarInput(rules.lodgingNightlyCapCents),
    mealsPerDiemCents: centsToDollarInput(rules.mealsPerDiemCents),
    travelCapCents: centsToDollarInput(rules.travelCapCents),
  })
  const money = (field: typeof fields.mileageRateCents) => ({ ...getInputProps(field, { type: 'text' }), inputMode: 'decimal' as const })
  const miles = (field: typeof fields.minDistanceMiles) => ({ ...getInputProps(field, { type: 'text' }), inputMode: 'numeric' as const })
  return (
    <SectionForm form={form} intent="travel" label="Save travel rules">
      <Field label="Travel covered from (miles from home)" inputProps={miles(fields.minDistanceMiles)} errors={fields.minDistanceMiles.errors} />
      <Field label="Fly instead of drive from (miles)" inputProps={miles(fields.flyThresholdMiles)} errors={fields.flyThresholdMiles.errors} />
      <div className="field field--checkbox span-all">
        <input {...getInputProps(fields.companionCovered, { type: 'checkbox' })} />
        <label htmlFor={fields.companionCovered.id}>A companion's travel is covered too</label>
      </div>
      <Field label="Mileage rate ($ per mile)" inputProps={money(fields.mileageRateCents)} errors={fields.mileageRateCents.errors} />
      <Field label="Airfare allowance ($ per person)" inputProps={money(fields.airfareAllowanceCents)} errors={fields.airfareAllowanceCents.errors} />
      <Field
        label="Lodging nights"
        help="Nights away from home for every procedure. Leave empty to use each procedure's nights away from the catalog (the pre-operative visit, the hospital stay and recovery before travel home: 5 for a hip or knee)"
        inputProps={miles(fields.lodgingNights)}
        errors={fields.lodgingNights.errors}
      />
      <Field label="Lodging cap per night ($)" inputProps={money(fields.lodgingNightlyCapCents)} errors={fields.lodgingNightlyCapCents.errors} />
      <Field label="Meals per diem ($ per person per day)" inputProps={money(fields.mealsPerDiemCents)} errors={fields.mealsPerDiemCents.errors} />
      <Field label="Travel cap per case ($)" inputProps={money(fields.travelCapCents)} errors={fields.travelCapCents.errors} />
    </SectionForm>
  )
}
