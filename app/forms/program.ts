import { z } from 'zod'
import { checkbox, dollarsField, isoDate, percentField, plainTextForm, wholeNumber } from './fields'

const programName = z
  .string({ required_error: 'Enter a program name' })
  .trim()
  .min(3, 'Enter a program name of at least 3 characters')
  .max(100, 'Keep the program name under 100 characters')

/** A new program: its name and the day its first version starts. */
export const NewProgramSchema = plainTextForm(z.object({ name: programName, effectiveFrom: isoDate('start date') }))

/** Name and effective dates of a draft version. */
export const ProgramDetailsSchema = plainTextForm(z
  .object({ intent: z.literal('details'), name: programName, effectiveFrom: isoDate('start date'), effectiveTo: isoDate('end date').optional() })
  .superRefine((value, ctx) => {
    if (value.effectiveTo && value.effectiveTo < value.effectiveFrom) ctx.addIssue({ code: 'custom', path: ['effectiveTo'], message: 'The end date cannot be before the start date' })
  }))

export const ProgramProceduresSchema = plainTextForm(z.object({
  intent: z.literal('procedures'),
  procedureIds: z.array(z.string().min(1), { required_error: 'Choose at least one procedure' }).min(1, 'Choose at least one procedure'),
}))

/** The offers picked on the network page (none is allowed while drafting; publishing checks coverage). */
export const ProgramNetworkSchema = plainTextForm(z.object({ intent: z.literal('network'), offerIds: z.array(z.string().min(1)).default([]) }))

export const OUTSIDE_RULES = ['plan_terms', 'higher_coinsurance', 'not_covered'] as const

export const BenefitRulesSchema = plainTextForm(z
  .object({
    intent: z.literal('benefit'),
    deductibleWaived: checkbox,
    coinsuranceWaived: checkbox,
    coeCopayCents: dollarsField('COE copay', { max: 5_000 }),
    completionIncentiveCents: dollarsField('completion incentive', { max: 5_000 }),
    outsideRule: z.enum(OUTSIDE_RULES, { errorMap: () => ({ message: 'Choose what happens outside the program' }) }),
    outsideCoinsuranceRate: percentField('coinsurance outside the program').optional(),
  })
  .superRefine((value, ctx) => {
    if (value.outsideRule === 'higher_coinsurance' && (value.outsideCoinsuranceRate === undefined || value.outsideCoinsuranceRate === 0)) {
      ctx.addIssue({ code: 'custom', path: ['outsideCoinsuranceRate'], message: 'Enter the higher coinsurance that applies outside the program, e.g. 40' })
    }
  })
  .transform((value) => ({ ...value, outsideCoinsuranceRate: value.outsideRule === 'higher_coinsurance' ? (value.outsideCoinsuranceRate ?? null) : null })))

export const TravelRulesSchema = plainTextForm(z
  .object({
    intent: z.literal('travel'),
    minDistanceMiles: wholeNumber('distance from which travel is covered', 3_000),
    companionCovered: checkbox,
    flyThresholdMiles: wholeNumber('flying distance', 3_000),
    mileageRateCents: dollarsField('mileage rate', { max: 5 }),
    airfareAllowanceCents: dollarsField('airfare allowance', { max: 5_000 }),
    lodgingNights: wholeNumber('number of lodging nights', 30).optional(),
    lodgingNightlyCapCents: dollarsField('nightly lodging cap', { max: 2_000 }),
    mealsPerDiemCents: dollarsField('meals per diem', { max: 500 }),
    travelCapCents: dollarsField('travel cap per case', { max: 50_000 }),
  })
  .superRefine((value, ctx) => {
    if (value.lodgingNights !== 0 && value.travelCapCents < value.lodgingNightlyCapCents) {
      ctx.addIssue({ code: 'custom', path: ['travelCapCents'], message: 'The travel cap is below one night of lodging: raise it to at least the nightly cap' })
    }
    if (value.flyThresholdMiles < value.minDistanceMiles) {
      ctx.addIssue({ code: 'custom', path: ['flyThresholdMiles'], message: 'The flying distance cannot be below the distance from which travel is covered' })
    }
  })
  .transform((value) => ({ ...value, lodgingNights: value.lodgingNights ?? null })))

/** Publishing; `confirmOverlaps` is sent back from the overlap confirmation (issue 20), absent on the first POST. */
export const PublishSchema = plainTextForm(z.object({ intent: z.literal('publish'), confirmOverlaps: z.string().max(4_000).optional() }))
export const NewVersionSchema = plainTextForm(z.object({ intent: z.literal('new-version') }))

export type ProgramDetailsInput = z.output<typeof ProgramDetailsSchema>
export type BenefitRulesInput = z.output<typeof BenefitRulesSchema>
export type TravelRulesInput = z.output<typeof TravelRulesSchema>

/** Preview as a member: a home ZIP and a plan. */
export const PreviewSchema = plainTextForm(z.object({
  zip: z.string({ required_error: 'Enter a 5-digit ZIP code' }).trim().regex(/^\d{5}$/, 'Enter a 5-digit ZIP code'),
  /** Absent: the employer's first plan. */
  planId: z.string().optional(),
  tier: z.enum(['individual', 'family'], { errorMap: () => ({ message: 'Choose individual or family coverage' }) }).default('individual'),
}))

/** Default share of expected cases that go to the program (DESIGN §4). */
export const DEFAULT_ADOPTION_RATE = 0.4

/**
 * The projection's editable assumptions from the page's query string: `adoption` (percent) and
 * `incidence_<CODE>` (cases per 1,000 members a year). A bad value gets a message and the default.
 */
export function parseProjectionQuery(params: URLSearchParams, codes: readonly string[]) {
  const errors: Record<string, string> = {}
  let adoptionRate = DEFAULT_ADOPTION_RATE
  const adoption = params.get('adoption')?.trim().replace(/%$/, '')
  if (adoption) {
    const value = Number(adoption)
    if (!/^\d{1,3}(\.\d+)?$/.test(adoption) || value > 100) errors.adoption = 'Enter the adoption rate as a percentage from 0 to 100'
    else adoptionRate = value / 100
  }
  const incidence: Record<string, number> = {}
  for (const code of codes) {
    const text = params.get(`incidence_${code}`)?.trim()
    if (!text) continue
    const value = Number(text)
    if (!/^\d{1,3}(\.\d+)?$/.test(text) || value > 100) errors[`incidence_${code}`] = 'Enter cases per 1,000 members a year, from 0 to 100'
    else incidence[code] = value
  }
  return { settings: { adoptionRate, incidence }, errors }
}

/** `?version=N` on a program page: a positive whole number, or null for the newest version. */
export function parseVersionQuery(params: URLSearchParams): number | null {
  const text = params.get('version')
  return text && /^[1-9]\d{0,5}$/.test(text) ? Number(text) : null
}
