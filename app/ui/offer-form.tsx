import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { Form, Link, useNavigation } from '@remix-run/react'
import type { Offer } from '~/db/schema'
import { centsToDollarInput } from '~/domain/money'
import { formatTin } from '~/domain/offers/provider-ids'
import { OfferSchema } from '~/forms/offer'
import { ErrorList } from './primitives/error-list'
import { Field } from './primitives/field'

export type OfferFormValue = Omit<Offer, 'id' | 'createdAt' | 'updatedAt'>

const INCLUSIONS = [
  ['includesFacility', 'Hospital stay'],
  ['includesSurgeon', 'Surgeon'],
  ['includesAnesthesia', 'Anesthesia'],
  ['includesImplant', 'Implant or device'],
  ['includesFollowUp', 'Follow-up visits'],
] as const

/** Create and edit a bundled offer; the action validates with the same schema. */
export function OfferForm({
  defaultValue,
  lastResult,
  facilities,
  procedures,
  submitLabel,
  lockedReason = null,
  isIncluded = false,
}: {
  defaultValue?: OfferFormValue
  lastResult: SubmissionResult<string[]> | undefined
  facilities: ReadonlyArray<{ id: string; name: string; city: string; state: string }>
  procedures: ReadonlyArray<{ id: string; name: string }>
  submitLabel: string
  /** The offer is under a signed contract: facility and procedure cannot change (issue 22). */
  lockedReason?: string | null
  /** The offer is in a program or contract: a price change needs the confirmation. */
  isIncluded?: boolean
}) {
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: 'offer',
    lastResult,
    constraint: getZodConstraint(OfferSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    defaultValue: defaultValue
      ? {
          ...Object.fromEntries(INCLUSIONS.map(([key]) => [key, defaultValue[key] ? 'on' : undefined])),
          facilityId: defaultValue.facilityId,
          procedureId: defaultValue.procedureId,
          priceCents: centsToDollarInput(defaultValue.priceCents),
          warrantyDays: String(defaultValue.warrantyDays),
          followUpVisits: String(defaultValue.followUpVisits),
          annualVolume: defaultValue.annualVolume === null ? '' : String(defaultValue.annualVolume),
          accreditation: defaultValue.accreditation ?? '',
          appointmentWithinDays: defaultValue.appointmentWithinDays === null ? '' : String(defaultValue.appointmentWithinDays),
          validFrom: defaultValue.validFrom,
          validTo: defaultValue.validTo ?? '',
          status: defaultValue.status,
          tin: defaultValue.tin ? formatTin(defaultValue.tin) : '',
          npi: defaultValue.npi ?? '',
        }
      : { includesFacility: 'on', includesSurgeon: 'on', includesAnesthesia: 'on', includesImplant: 'on', includesFollowUp: 'on', warrantyDays: '90', followUpVisits: '2', status: 'active' },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OfferSchema }),
  })
  const select = (field: typeof fields.facilityId, label: string, options: ReadonlyArray<{ value: string; label: string }>, isLocked = false) => (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {isLocked ? <input type="hidden" name={field.name} value={field.initialValue ?? ''} /> : null}
      <select {...getSelectProps(field)} {...(isLocked ? { disabled: true, name: undefined, 'aria-describedby': 'offer-locked' } : {})} aria-invalid={field.errors ? true : undefined} aria-describedby={field.errors ? `${field.id}-error` : undefined}>
        <option value="">Choose…</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <ErrorList id={`${field.id}-error`} errors={field.errors} />
    </div>
  )
  const number = (field: typeof fields.warrantyDays) => ({ ...getInputProps(field, { type: 'text' }), inputMode: 'numeric' as const })
  return (
    <Form method="post" {...getFormProps(form)} className="form-grid">
      <div id={form.errorId} role="alert" className="span-all">
        <ErrorList errors={form.errors} />
      </div>
      {lockedReason ? (
        <p id="offer-locked" className="span-all notice">
          {lockedReason}
        </p>
      ) : null}
      {select(fields.facilityId, 'Facility', facilities.map((f) => ({ value: f.id, label: `${f.name} (${f.city}, ${f.state})` })), lockedReason !== null)}
      {select(fields.procedureId, 'Procedure', procedures.map((p) => ({ value: p.id, label: p.name })), lockedReason !== null)}
      <Field label="Bundled price ($)" inputProps={{ ...getInputProps(fields.priceCents, { type: 'text' }), inputMode: 'decimal' }} errors={fields.priceCents.errors} />
      {isIncluded ? (
        <div className="span-all field field--checkbox">
          <p className="notice" id="price-change-notice">
            A new price applies to new contracts and new program versions only: signed contracts keep their frozen rates, and published programs keep the price they were published with.
          </p>
          <input {...getInputProps(fields.confirmPriceChange, { type: 'checkbox' })} aria-describedby={`price-change-notice${fields.confirmPriceChange.errors ? ` ${fields.confirmPriceChange.id}-error` : ''}`} />
          <label htmlFor={fields.confirmPriceChange.id}>I understand: if I change the price, it applies to new contracts only</label>
          <ErrorList id={`${fields.confirmPriceChange.id}-error`} errors={fields.confirmPriceChange.errors} />
        </div>
      ) : null}
      {select(fields.status, 'Status', [
        { value: 'active', label: 'Active: offered to employers' },
        { value: 'withdrawn', label: 'Withdrawn' },
      ])}
      <fieldset className="span-all checkbox-group">
        <legend>The price includes</legend>
        {INCLUSIONS.map(([key, label]) => (
          <div className="field field--checkbox" key={key}>
            <input {...getInputProps(fields[key], { type: 'checkbox' })} />
            <label htmlFor={fields[key].id}>{label}</label>
          </div>
        ))}
      </fieldset>
      <Field label="Complication warranty (days)" inputProps={number(fields.warrantyDays)} errors={fields.warrantyDays.errors} />
      <Field label="Follow-up visits included" inputProps={number(fields.followUpVisits)} errors={fields.followUpVisits.errors} />
      <Field label="Cases a year (optional)" inputProps={number(fields.annualVolume)} errors={fields.annualVolume.errors} />
      <Field label="First appointment within (days, optional)" inputProps={number(fields.appointmentWithinDays)} errors={fields.appointmentWithinDays.errors} />
      <Field className="span-all" label="Accreditation (optional)" inputProps={getInputProps(fields.accreditation, { type: 'text' })} errors={fields.accreditation.errors} />
      <Field
        label="Billing TIN (EIN)"
        help="9 digits, like 12-3456789: named with the NPI in the employers' Transparency in Coverage files"
        inputProps={{ ...getInputProps(fields.tin, { type: 'text' }), inputMode: 'numeric', autoComplete: 'off' }}
        errors={fields.tin.errors}
      />
      <Field
        label="Facility NPI"
        help="The facility's 10-digit National Provider Identifier"
        inputProps={{ ...getInputProps(fields.npi, { type: 'text' }), inputMode: 'numeric', autoComplete: 'off' }}
        errors={fields.npi.errors}
      />
      <Field label="Valid from" inputProps={getInputProps(fields.validFrom, { type: 'date' })} errors={fields.validFrom.errors} />
      <Field label="Valid to (optional)" inputProps={getInputProps(fields.validTo, { type: 'date' })} errors={fields.validTo.errors} />
      <div className="form-actions span-all">
        <button type="submit" className="button button--primary" disabled={navigation.state === 'submitting'}>
          {navigation.state === 'submitting' ? 'Saving…' : submitLabel}
        </button>
        <Link to="/center" className="button button--quiet">
          Cancel
        </Link>
      </div>
    </Form>
  )
}
