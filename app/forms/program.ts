import { z } from 'zod'
import { checkbox, dollarsField, isoDate, percentField, plainTextForm, wholeNumber } from './fields'
import { US_STATE_NAMES } from '~/domain/us-states'

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

const MAX_OFFER_IDS = 10_000

/** A comma-separated list of offer ids (the picker's compact hidden fields). */
const offerIdList = (what: string) =>
  z
    .string()
    .max(MAX_OFFER_IDS * 40, `Too many ${what}: reload the page and choose again`)
    .transform((text) => text.split(',').map((id) => id.trim()).filter((id) => id !== ''))
    .pipe(z.array(z.string().max(80, `An id among the ${what} is too long: reload the page and choose again`)).max(MAX_OFFER_IDS, `Too many ${what}: reload the page and choose again`))

/** The offers picked on the network page (none is allowed while drafting; publishing checks coverage). */
export const ProgramNetworkSchema = plainTextForm(
  z.object({
    intent: z.literal('network'),
    offerIds: z.array(z.string().min(1).max(80)).max(MAX_OFFER_IDS, 'Choose fewer offers at a time').default([]),
    // The paged picker (issue 24) sends `mode=changes`: the offers on the saved page (`shown`, maybe
    // none), and changes made on other pages; without it, `offerIds` is the whole network.
    mode: z.literal('changes', { errorMap: () => ({ message: 'Unknown way of saving the network: reload the page and try again' }) }).optional(),
    shown: offerIdList('offers on the page').optional(),
    add: offerIdList('offers to add').optional(),
    remove: offerIdList('offers to remove').optional(),
  }),
)

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

/** The network edit a parsed network form asks for (see `applyNetworkEdit`). */
export function networkEditOf(value: { offerIds: string[]; mode?: 'changes' | undefined; shown?: string[] | undefined; add?: string[] | undefined; remove?: string[] | undefined }) {
  return value.mode === 'changes'
    ? { checked: value.offerIds, shown: value.shown ?? [], add: value.add ?? [], remove: value.remove ?? [] }
    : { checked: value.offerIds }
}

/** The network picker's "nearest member within" choices, in miles. */
export const NEAR_MILES = [25, 50, 100, 250, 500] as const
export const PAGE_SIZES = [10, 25, 50] as const

const oneOfNumbers = <T extends readonly number[]>(values: T, message: string) =>
  z.coerce
    .number({ invalid_type_error: message })
    .refine((n): n is T[number] => values.includes(n), message)

/** The network picker's query (issue 24): filters and page, each checked apart so one bad value does not lose the others. */
export const NetworkFilterFields = {
  procedure: z.string().trim().regex(/^[A-Za-z0-9_-]{1,40}$/, 'Choose a procedure from the list'),
  state: z
    .string()
    .trim()
    .toUpperCase()
    .refine((code) => Object.hasOwn(US_STATE_NAMES, code), 'Choose a state from the list'),
  near: oneOfNumbers(NEAR_MILES, `Choose a distance of ${NEAR_MILES.join(', ')} miles`),
  stars: z.coerce
    .number({ invalid_type_error: 'Choose a minimum of 1 to 5 stars' })
    .int('Choose a minimum of 1 to 5 stars')
    .min(1, 'Choose a minimum of 1 to 5 stars')
    .max(5, 'Choose a minimum of 1 to 5 stars'),
  maxPrice: z.coerce
    .number({ invalid_type_error: 'Enter a maximum price in whole dollars, from $1 to $10,000,000' })
    .int('Enter a maximum price in whole dollars, from $1 to $10,000,000')
    .min(1, 'Enter a maximum price in whole dollars, from $1 to $10,000,000')
    .max(10_000_000, 'Enter a maximum price in whole dollars, from $1 to $10,000,000'),
  show: z.enum(['all', 'network'], { errorMap: () => ({ message: 'Show all candidates or only the network' }) }),
  page: z.coerce.number({ invalid_type_error: 'Choose a page number from 1' }).int('Choose a page number from 1').min(1, 'Choose a page number from 1').max(100_000, 'Choose a page number from 1'),
  per: oneOfNumbers(PAGE_SIZES, 'Show 10, 25 or 50 offers a page'),
} as const

export interface NetworkFilter {
  procedure: string | null
  state: string | null
  near: number | null
  stars: number | null
  maxPriceDollars: number | null
  show: 'all' | 'network'
  page: number
  per: number
}

export const DEFAULT_NETWORK_FILTER: NetworkFilter = { procedure: null, state: null, near: null, stars: null, maxPriceDollars: null, show: 'all', page: 1, per: 25 }

/**
 * The picker's query, validated field by field: a bad or repeated value gives a message for the
 * page and falls back to no filter (or page 1), so the page still shows; unknown keys are ignored.
 */
export function parseNetworkFilter(query: URLSearchParams): { filter: NetworkFilter; errors: string[] } {
  const errors: string[] = []
  const read = <K extends keyof typeof NetworkFilterFields>(key: K): z.output<(typeof NetworkFilterFields)[K]> | null => {
    const values = query.getAll(key).filter((v) => v !== '')
    if (values.length === 0) return null
    if (values.length > 1) {
      errors.push(`Give one value for “${key}”`)
      return null
    }
    const parsed = NetworkFilterFields[key].safeParse(values[0]!.slice(0, 200))
    if (parsed.success) return parsed.data as z.output<(typeof NetworkFilterFields)[K]>
    errors.push(parsed.error.issues[0]?.message ?? `Check “${key}”`)
    return null
  }
  const filter: NetworkFilter = {
    procedure: read('procedure'),
    state: read('state'),
    near: read('near'),
    stars: read('stars'),
    maxPriceDollars: read('maxPrice'),
    show: read('show') ?? 'all',
    page: read('page') ?? 1,
    per: read('per') ?? 25,
  }
  return { filter, errors }
}

/** The query string of a filter (defaults left out), for links that keep the filters. */
export function networkFilterQuery(filter: NetworkFilter, change: Partial<NetworkFilter> = {}): string {
  const f = { ...filter, ...change }
  const params = new URLSearchParams()
  if (f.procedure) params.set('procedure', f.procedure)
  if (f.state) params.set('state', f.state)
  if (f.near !== null) params.set('near', String(f.near))
  if (f.stars !== null) params.set('stars', String(f.stars))
  if (f.maxPriceDollars !== null) params.set('maxPrice', String(f.maxPriceDollars))
  if (f.show !== 'all') params.set('show', f.show)
  if (f.per !== DEFAULT_NETWORK_FILTER.per) params.set('per', String(f.per))
  if (f.page !== 1) params.set('page', String(f.page))
  const text = params.toString()
  return text ? `?${text}` : ''
}
