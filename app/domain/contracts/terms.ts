import { z } from 'zod'
import { isIsoDate } from '~/domain/dates'
import { formatCents } from '~/domain/money'

/*
 * The terms of one contract version (DESIGN §11, ADR 0015): one JSON document per version,
 * validated by `ContractTermsSchema` when it is saved and again when it is read. Money is integer
 * cents, rates and shares are fractions 0–1, dates are YYYY-MM-DD (ADR 0004). The schema checks
 * the document's shape and the rules between its own terms; rules that need the database (the
 * facilities belong to the health system, a bundle rate matches its offer at signing) are the
 * service's. Messages are written for the two admins who negotiate the contract.
 */

/** What a bundle can include (the inclusions of an offer). */
export const BUNDLE_INCLUSIONS = ['facility', 'surgeon', 'anesthesia', 'implant', 'follow_up_visits'] as const
export type BundleInclusion = (typeof BUNDLE_INCLUSIONS)[number]

/** What the warranty makes the center's cost within its window. */
export const WARRANTY_COVERAGE = ['complications', 'readmissions'] as const
export type WarrantyCoverage = (typeof WARRANTY_COVERAGE)[number]

/** Where a procedure's benchmark comes from: the typical local price at signing (frozen), or an agreed amount. */
export const BENCHMARK_SOURCES = ['typical_local_price', 'negotiated'] as const
export type BenchmarkSource = (typeof BENCHMARK_SOURCES)[number]

/** One-sided: the center shares savings only. Two-sided: it also pays back a share of losses. */
export const RISK_MODELS = ['one_sided', 'two_sided'] as const
export type RiskModel = (typeof RISK_MODELS)[number]

export const CADENCES = ['monthly', 'quarterly'] as const
export type Cadence = (typeof CADENCES)[number]

export const GOAL_DIRECTIONS = ['lower_is_better', 'higher_is_better'] as const
export type GoalDirection = (typeof GOAL_DIRECTIONS)[number]

/** The quality measures a goal can use; each has one sensible direction and range. */
export const QUALITY_MEASURE_CODES = ['complication_rate_90d', 'readmission_rate_30d', 'mean_satisfaction', 'pro_share', 'days_to_first_consult'] as const
export type QualityMeasure = (typeof QUALITY_MEASURE_CODES)[number]

export interface MeasureDefinition {
  label: string
  direction: GoalDirection
  /** rate: a share 0–1 of episodes; score: a 0–10 satisfaction mean; days: a mean number of days. */
  kind: 'rate' | 'score' | 'days'
  min: number
  max: number
}

export const QUALITY_MEASURES: Readonly<Record<QualityMeasure, MeasureDefinition>> = {
  complication_rate_90d: { label: '90-day complication rate', direction: 'lower_is_better', kind: 'rate', min: 0, max: 1 },
  readmission_rate_30d: { label: '30-day readmission rate', direction: 'lower_is_better', kind: 'rate', min: 0, max: 1 },
  mean_satisfaction: { label: 'mean satisfaction', direction: 'higher_is_better', kind: 'score', min: 0, max: 10 },
  pro_share: { label: 'share with patient-reported outcomes', direction: 'higher_is_better', kind: 'rate', min: 0, max: 1 },
  days_to_first_consult: { label: 'days to first consult', direction: 'lower_is_better', kind: 'days', min: 0, max: 365 },
}

/** The fields a data-sharing extract may carry; an extract carries only those the contract names. */
export const DATA_SHARING_FIELDS = [
  'member_pseudonym',
  'procedure_code',
  'facility_id',
  'procedure_date',
  'discharge_date',
  'bundle_cents',
  'travel_cents',
  'incentive_cents',
  'other_claims_cents',
  'warranty_credit_cents',
  'complication_90d',
  'readmission_30d',
  'satisfaction',
  'patient_reported_outcomes',
  'days_to_first_consult',
] as const
export type DataSharingField = (typeof DATA_SHARING_FIELDS)[number]

/** The activities of the division of responsibilities, and who can take one. */
export const ACTIVITIES = ['care_management', 'case_management', 'travel_booking', 'discharge_follow_up', 'outcome_reporting'] as const
export type Activity = (typeof ACTIVITIES)[number]
export const PARTIES = ['purchaser', 'center', 'platform'] as const
export type Party = (typeof PARTIES)[number]

export const INCLUSION_LABELS: Readonly<Record<BundleInclusion, string>> = {
  facility: 'facility',
  surgeon: 'surgeon',
  anesthesia: 'anesthesia',
  implant: 'implant',
  follow_up_visits: 'follow-up visits',
}
export const BENCHMARK_SOURCE_LABELS: Readonly<Record<BenchmarkSource, string>> = { typical_local_price: 'typical local price', negotiated: 'negotiated' }
export const RISK_MODEL_LABELS: Readonly<Record<RiskModel, string>> = { one_sided: 'one-sided', two_sided: 'two-sided' }
export const DIRECTION_LABELS: Readonly<Record<GoalDirection, string>> = { lower_is_better: 'lower is better', higher_is_better: 'higher is better' }
export const ACTIVITY_LABELS: Readonly<Record<Activity, string>> = {
  care_management: 'care management',
  case_management: 'case management',
  travel_booking: 'travel booking',
  discharge_follow_up: 'discharge follow-up',
  outcome_reporting: 'outcome reporting',
}
export const PARTY_LABELS: Readonly<Record<Party, string>> = { purchaser: 'the purchaser', center: 'the center', platform: 'the platform' }
export const DATA_SHARING_FIELD_LABELS: Readonly<Record<DataSharingField, string>> = {
  member_pseudonym: 'member pseudonym',
  procedure_code: 'procedure',
  facility_id: 'facility',
  procedure_date: 'procedure date',
  discharge_date: 'discharge date',
  bundle_cents: 'bundle paid',
  travel_cents: 'travel paid',
  incentive_cents: 'incentive paid',
  other_claims_cents: 'other claims within the warranty window',
  warranty_credit_cents: 'warranty credits',
  complication_90d: '90-day complication',
  readmission_30d: '30-day readmission',
  satisfaction: 'satisfaction',
  patient_reported_outcomes: 'patient-reported outcomes',
  days_to_first_consult: 'days to first consult',
}

/** The largest amount a term may hold, $10,000,000: a period's sums stay far below 2^53 cents. */
export const MAX_TERM_CENTS = 1_000_000_000
/** Weights must add up to 1 within this tolerance (people type 0.33 + 0.33 + 0.34). */
export const WEIGHT_SUM_TOLERANCE = 0.001
/** Joint reviews a year (seed 003: routine joint meetings 2–4 times a year). */
export const REVIEWS_PER_YEAR = { min: 2, max: 4 } as const

// Dates a contract can mean: 0001 or 9999 is a typo (the same range as the forms).
const EARLIEST_DATE = '2000-01-01'
const LATEST_DATE = '2100-12-31'

const numberIn = (message: string) => z.number({ required_error: message, invalid_type_error: message })
const wholeNumberIn = (message: string, min: number, max: number) => numberIn(message).int(message).min(min, message).max(max, message)
const shareOfOne = (message: string) => numberIn(message).min(0, message).max(1, message)
const centsAboveZero = (message: string) => wholeNumberIn(message, 1, MAX_TERM_CENTS)
const choice = <Values extends readonly [string, ...string[]]>(values: Values, message: string) =>
  z.enum(values as unknown as [Values[number], ...Values[number][]], { errorMap: () => ({ message }) })
const text = (message: string) => z.string({ required_error: message, invalid_type_error: message }).trim().min(1, message).max(100, message)

/** A real date in the range a contract can mean; rules between dates are checked only on these. */
const isContractDate = (text: string) => isIsoDate(text) && text >= EARLIEST_DATE && text <= LATEST_DATE

function calendarDate(label: string) {
  const message = `Enter the ${label} as a real date, like 2026-01-01`
  return z.string({ required_error: message, invalid_type_error: message }).superRefine((value, ctx) => {
    if (!isIsoDate(value)) ctx.addIssue({ code: 'custom', message })
    else if (value < EARLIEST_DATE || value > LATEST_DATE) ctx.addIssue({ code: 'custom', message: `Enter the ${label} as a date from 2000 to 2100` })
  })
}

/** Adds `message` at each later position of `values` that repeats an earlier one. */
function refuseRepeats<T>(values: readonly T[], ctx: z.RefinementCtx, message: (value: T) => string, path: (index: number) => (string | number)[] = (index) => [index]) {
  const seen = new Set<T>()
  values.forEach((value, index) => {
    if (seen.has(value)) ctx.addIssue({ code: 'custom', path: path(index), message: message(value) })
    seen.add(value)
  })
}

const BundleRateSchema = z.object({
  procedureCode: text('Choose the procedure'),
  bundleCents: centsAboveZero('Enter a bundle rate from $0.01 to $10,000,000'),
  includes: z
    .array(choice(BUNDLE_INCLUSIONS, 'Choose what the bundle includes from: facility, surgeon, anesthesia, implant, follow-up visits'), {
      required_error: 'Say what the bundle includes',
      invalid_type_error: 'Say what the bundle includes',
    })
    .min(1, 'Say what the bundle includes')
    .superRefine((includes, ctx) => refuseRepeats(includes, ctx, () => 'List each inclusion once')),
  /** The offer the rate was copied from at signing; null when the two sides typed the rate. */
  sourceOfferId: z.string({ invalid_type_error: 'Choose the offer the rate comes from' }).min(1, 'Choose the offer the rate comes from').nullish().transform((id) => id ?? null),
})

const WarrantySchema = z
  .object({
    windowDays: wholeNumberIn('Enter a warranty window of 0 to 365 whole days', 0, 365),
    covers: z
      .array(choice(WARRANTY_COVERAGE, 'Choose what the warranty covers: complications, readmissions or both'), {
        required_error: 'Choose what the warranty covers: complications, readmissions or both',
        invalid_type_error: 'Choose what the warranty covers: complications, readmissions or both',
      })
      .superRefine((covers, ctx) => refuseRepeats(covers, ctx, () => 'List each kind of care the warranty covers once')),
  })
  .superRefine((warranty, ctx) => {
    if (warranty.windowDays > 0 && warranty.covers.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['covers'], message: 'Choose what the warranty covers: complications, readmissions or both' })
    }
  })

const BenchmarkSchema = z.object({
  procedureCode: text('Choose the procedure'),
  source: choice(BENCHMARK_SOURCES, 'Choose the benchmark source: the typical local price at signing, or a negotiated amount'),
  benchmarkCents: centsAboveZero('Enter a benchmark from $0.01 to $10,000,000'),
})

const AttributionSchema = z
  .object({
    model: z.literal('prospective', { errorMap: () => ({ message: 'Attribution is prospective: a case is authorised before its procedure' }) }),
    periodStart: calendarDate('period start'),
    periodEnd: calendarDate('period end'),
  })
  .superRefine((attribution, ctx) => {
    if (!isContractDate(attribution.periodStart) || !isContractDate(attribution.periodEnd)) return
    if (attribution.periodEnd <= attribution.periodStart) ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: 'The period must end after it starts' })
  })

const MEASURE_CHOICE_MESSAGE = `Choose a measure: ${QUALITY_MEASURE_CODES.map((code) => QUALITY_MEASURES[code].label).join(', ')}`

/** "from 0% to 100%", "from 0 to 10", "of 0 to 365 days": the range of a measure's target, in words. */
function targetRangeMessage(measure: MeasureDefinition): string {
  if (measure.kind === 'rate') return `Enter a target ${measure.label} from 0% to 100%`
  if (measure.kind === 'score') return `Enter a target ${measure.label} from 0 to 10`
  return `Enter a target of 0 to 365 ${measure.label}`
}

const QualityGoalSchema = z
  .object({
    measure: choice(QUALITY_MEASURE_CODES, MEASURE_CHOICE_MESSAGE),
    direction: choice(GOAL_DIRECTIONS, 'Choose whether lower or higher is better'),
    target: numberIn('Enter the target as a number'),
    weight: shareOfOne('Enter a weight from 0 to 1'),
  })
  .superRefine((goal, ctx) => {
    const measure = QUALITY_MEASURES[goal.measure]
    if (goal.direction !== measure.direction) {
      const better = measure.direction === 'lower_is_better' ? 'lower' : 'higher'
      ctx.addIssue({ code: 'custom', path: ['direction'], message: `For the ${measure.label}, ${better} is better` })
    }
    if (goal.target < measure.min || goal.target > measure.max) ctx.addIssue({ code: 'custom', path: ['target'], message: targetRangeMessage(measure) })
  })

const QualityGoalsSchema = z
  .array(QualityGoalSchema, { required_error: 'Add at least one quality goal', invalid_type_error: 'Add at least one quality goal' })
  .min(1, 'Add at least one quality goal')
  .superRefine((goals, ctx) => {
    refuseRepeats(
      goals.map((goal) => goal.measure),
      ctx,
      (measure) => `The ${QUALITY_MEASURES[measure].label} is already a goal: use each measure once`,
      (index) => [index, 'measure'],
    )
    const sum = goals.reduce((total, goal) => total + goal.weight, 0)
    if (goals.length > 0 && Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) {
      ctx.addIssue({ code: 'custom', message: `The goal weights must add up to 1 (now ${formatScore(sum)})` })
    }
  })

const RiskSharingSchema = z
  .object({
    model: choice(RISK_MODELS, 'Choose one-sided (shared savings only) or two-sided (shared savings and losses)'),
    sharingRate: shareOfOne('Enter a sharing rate from 0% to 100%'),
    downsideRate: shareOfOne('Enter a downside rate from 0% to 100%').nullish().transform((rate) => rate ?? null),
    stopGainShare: shareOfOne('Enter a stop-gain from 0% to 100% of the total benchmark'),
    stopLossShare: shareOfOne('Enter a stop-loss from 0% to 100% of the total benchmark').nullish().transform((share) => share ?? null),
    outlierCap: numberIn('Enter an outlier cap from 1 to 10 times the benchmark').min(1, 'Enter an outlier cap from 1 to 10 times the benchmark').max(10, 'Enter an outlier cap from 1 to 10 times the benchmark'),
    minimumEpisodes: wholeNumberIn('Enter the minimum episodes as a whole number from 0 to 100,000', 0, 100_000),
  })
  .superRefine((sharing, ctx) => {
    if (sharing.model === 'two_sided') {
      if (sharing.downsideRate === null) ctx.addIssue({ code: 'custom', path: ['downsideRate'], message: 'Enter the downside rate of a two-sided contract, from 0% to 100%' })
      if (sharing.stopLossShare === null) {
        ctx.addIssue({ code: 'custom', path: ['stopLossShare'], message: 'Enter the stop-loss of a two-sided contract, from 0% to 100% of the total benchmark' })
      }
    } else {
      if (sharing.downsideRate !== null) {
        ctx.addIssue({ code: 'custom', path: ['downsideRate'], message: 'A one-sided contract has no downside rate: leave it empty, or make the contract two-sided' })
      }
      if (sharing.stopLossShare !== null) {
        ctx.addIssue({ code: 'custom', path: ['stopLossShare'], message: 'A one-sided contract has no stop-loss: leave it empty, or make the contract two-sided' })
      }
    }
  })

const DataSharingSchema = z.object({
  cadence: choice(CADENCES, 'Choose monthly or quarterly data sharing'),
  fields: z
    .array(choice(DATA_SHARING_FIELDS, 'Choose the fields to share from the list'), {
      required_error: 'Choose at least one field to share',
      invalid_type_error: 'Choose at least one field to share',
    })
    .min(1, 'Choose at least one field to share')
    .superRefine((fields, ctx) => refuseRepeats(fields, ctx, () => 'List each field once')),
})

const responsibility = (activity: Activity) => choice(PARTIES, `Choose who does ${ACTIVITY_LABELS[activity]}: the purchaser, the center or the platform`)
/** Division of responsibilities: each activity has exactly one party (one key each, one value each). */
const ResponsibilitiesSchema = z
  .object(
    {
      care_management: responsibility('care_management'),
      case_management: responsibility('case_management'),
      travel_booking: responsibility('travel_booking'),
      discharge_follow_up: responsibility('discharge_follow_up'),
      outcome_reporting: responsibility('outcome_reporting'),
    },
    { required_error: 'Choose who does each activity', invalid_type_error: 'Choose who does each activity' },
  )
  .strict(`Only these activities are assigned: ${ACTIVITIES.map((activity) => ACTIVITY_LABELS[activity]).join(', ')}`)

const ReportingSchema = z.object({
  cadence: choice(CADENCES, 'Choose monthly or quarterly reporting'),
  reviewDates: z
    .array(calendarDate('review date'), { required_error: 'Enter the joint review dates', invalid_type_error: 'Enter the joint review dates' })
    .superRefine((dates, ctx) => refuseRepeats(dates, ctx, () => 'This review date is listed twice')),
})

/** The whole terms document of a contract version. */
export const ContractTermsSchema = z
  .object({
    bundleRates: z
      .array(BundleRateSchema, { required_error: 'Add a bundle rate for at least one procedure', invalid_type_error: 'Add a bundle rate for at least one procedure' })
      .min(1, 'Add a bundle rate for at least one procedure')
      .superRefine((rates, ctx) =>
        refuseRepeats(
          rates.map((rate) => rate.procedureCode),
          ctx,
          (code) => `${code} already has a bundle rate: keep one`,
          (index) => [index, 'procedureCode'],
        ),
      ),
    warranty: WarrantySchema,
    benchmarks: z
      .array(BenchmarkSchema, { required_error: 'Add a benchmark for each procedure', invalid_type_error: 'Add a benchmark for each procedure' })
      .superRefine((benchmarks, ctx) =>
        refuseRepeats(
          benchmarks.map((benchmark) => benchmark.procedureCode),
          ctx,
          (code) => `${code} already has a benchmark: keep one`,
          (index) => [index, 'procedureCode'],
        ),
      ),
    attribution: AttributionSchema,
    qualityGoals: QualityGoalsSchema,
    qualityGate: shareOfOne('Enter a quality gate from 0 to 1'),
    riskSharing: RiskSharingSchema,
    accessGuaranteeDays: wholeNumberIn('Enter an access guarantee of 1 to 90 whole days', 1, 90),
    networkFacilityIds: z
      .array(text('Choose the facility'), { required_error: 'Add at least one facility to the network', invalid_type_error: 'Add at least one facility to the network' })
      .min(1, 'Add at least one facility to the network')
      .superRefine((ids, ctx) => refuseRepeats(ids, ctx, () => 'This facility is already in the network')),
    dataSharing: DataSharingSchema,
    responsibilities: ResponsibilitiesSchema,
    reporting: ReportingSchema,
    recalibrationDate: calendarDate('recalibration date'),
  })
  .superRefine((terms, ctx) => {
    const rated = new Set(terms.bundleRates.map((rate) => rate.procedureCode))
    const benchmarked = new Set(terms.benchmarks.map((benchmark) => benchmark.procedureCode))
    for (const code of rated) {
      if (!benchmarked.has(code)) ctx.addIssue({ code: 'custom', path: ['benchmarks'], message: `Add a benchmark for ${code}` })
    }
    terms.benchmarks.forEach((benchmark, index) => {
      if (!rated.has(benchmark.procedureCode)) {
        ctx.addIssue({
          code: 'custom',
          path: ['benchmarks', index, 'procedureCode'],
          message: `${benchmark.procedureCode} has no bundle rate: remove its benchmark or add a bundle rate`,
        })
      }
    })

    // Dates are checked against the period only once the period itself is sound (one message per mistake).
    const { periodStart, periodEnd } = terms.attribution
    if (!isContractDate(periodStart) || !isContractDate(periodEnd) || periodEnd <= periodStart) return
    const period = `${periodStart} to ${periodEnd}`
    const isOutsidePeriod = (date: string) => isContractDate(date) && (date < periodStart || date > periodEnd)
    terms.reporting.reviewDates.forEach((date, index) => {
      if (isOutsidePeriod(date)) ctx.addIssue({ code: 'custom', path: ['reporting', 'reviewDates', index], message: `Hold reviews inside the contract period (${period})` })
    })
    const { min, max } = reviewCountRange(periodStart, periodEnd)
    const count = terms.reporting.reviewDates.length
    if (count < min || count > max) {
      const years = min / REVIEWS_PER_YEAR.min
      ctx.addIssue({
        code: 'custom',
        path: ['reporting', 'reviewDates'],
        message: `Plan ${REVIEWS_PER_YEAR.min} to ${REVIEWS_PER_YEAR.max} joint reviews a year: ${min} to ${max} dates for a period of ${years} ${years === 1 ? 'year' : 'years'}`,
      })
    }
    if (isOutsidePeriod(terms.recalibrationDate)) {
      ctx.addIssue({ code: 'custom', path: ['recalibrationDate'], message: `Recalibrate inside the contract period (${period})` })
    }
  })

export type ContractTerms = z.output<typeof ContractTermsSchema>
export type ContractTermsInput = z.input<typeof ContractTermsSchema>
export type QualityGoal = ContractTerms['qualityGoals'][number]
export type RiskSharing = ContractTerms['riskSharing']

/**
 * How many joint review dates a period needs: 2 to 4 a year, the period counted in whole years
 * (rounded, at least 1), so a one-year period holds 2–4 dates and a two-year period 4–8.
 */
export function reviewCountRange(periodStart: string, periodEnd: string): { min: number; max: number } {
  const days = (Date.parse(`${periodEnd}T00:00:00Z`) - Date.parse(`${periodStart}T00:00:00Z`)) / 86_400_000 + 1
  const years = Math.max(1, Math.round(days / 365.25))
  return { min: REVIEWS_PER_YEAR.min * years, max: REVIEWS_PER_YEAR.max * years }
}

/** A rate 0–1 as a percentage for people: 0.5 → "50%", 0.125 → "12.5%", 0.0725 → "7.25%". */
export function formatRate(rate: number): string {
  return `${Number((rate * 100).toFixed(4))}%`
}

/** A score or weight 0–1 as people write it: 0.7999999999999999 → "0.8", 0.25 → "0.25". */
export function formatScore(score: number): string {
  return String(Number(score.toFixed(6)))
}

/** A goal's target in the measure's unit: "5%", "8.5 of 10", "14 days". */
export function formatTarget(measure: QualityMeasure, target: number): string {
  const definition = QUALITY_MEASURES[measure]
  if (definition.kind === 'rate') return formatRate(target)
  if (definition.kind === 'score') return `${formatScore(target)} of 10`
  return `${formatScore(target)} ${target === 1 ? 'day' : 'days'}`
}

/** One changed term: "Warranty window: 90 days → 60 days". */
export interface TermChange {
  term: string
  before: string
  after: string
  text: string
}

const NONE = 'none'

/** A term in words, keyed so that the same term of two versions can be compared, and ranked for display. */
interface DescribedTerm {
  key: string
  term: string
  value: string
  /** Place in DESIGN §11's order; terms of one list (per procedure, per goal) share it. */
  rank: number
  /** Order within a list: the procedure code, the goal's place in the measure list. */
  item: string
}

const list = (values: readonly string[]) => (values.length === 0 ? NONE : values.join(', '))
const inOrder = <T extends string>(order: readonly T[], values: readonly T[]) => order.filter((value) => values.includes(value))

/** "Mean satisfaction goal". */
function goalTerm(measure: QualityMeasure): string {
  const label = QUALITY_MEASURES[measure].label
  return `${label.charAt(0).toUpperCase()}${label.slice(1)} goal`
}

/** The goal in words, for a goal added or removed as a whole. */
function describeGoal(goal: QualityGoal): string {
  return `${DIRECTION_LABELS[goal.direction]}, target ${formatTarget(goal.measure, goal.target)}, weight ${formatScore(goal.weight)}`
}

/**
 * Every term of a version in words, in the order of DESIGN §11. Lists whose order carries no
 * meaning (inclusions, facilities, fields, dates) are sorted, so reordering is not a change.
 */
function describeTerms(terms: ContractTerms, facilityName: (id: string) => string): DescribedTerm[] {
  const described: DescribedTerm[] = []
  let rank = 0
  const add = (key: string, term: string, value: string) => described.push({ key, term, value, rank: rank++, item: '' })
  /** The terms of a list share one rank and are ordered by `item`, so the list's own order does not matter. */
  const addItems = <T>(items: readonly T[], describe: (item: T, addItem: (key: string, term: string, value: string, item: string) => void) => void) => {
    const listRank = rank++
    for (const item of items) describe(item, (key, term, value, order) => described.push({ key, term, value, rank: listRank, item: order }))
  }

  addItems(terms.bundleRates, (rate, addItem) => {
    addItem(`bundle:${rate.procedureCode}`, `Bundle rate for ${rate.procedureCode}`, formatCents(rate.bundleCents), `${rate.procedureCode}:1`)
    addItem(`includes:${rate.procedureCode}`, `Bundle for ${rate.procedureCode} includes`, list(inOrder(BUNDLE_INCLUSIONS, rate.includes).map((item) => INCLUSION_LABELS[item])), `${rate.procedureCode}:2`)
  })
  add('warranty.window', 'Warranty window', `${terms.warranty.windowDays} ${terms.warranty.windowDays === 1 ? 'day' : 'days'}`)
  add('warranty.covers', 'Warranty covers', terms.warranty.covers.length === 0 ? 'nothing' : inOrder(WARRANTY_COVERAGE, terms.warranty.covers).join(' and '))
  addItems(terms.benchmarks, (benchmark, addItem) => {
    addItem(`benchmark:${benchmark.procedureCode}`, `Benchmark for ${benchmark.procedureCode}`, `${formatCents(benchmark.benchmarkCents)} (${BENCHMARK_SOURCE_LABELS[benchmark.source]})`, benchmark.procedureCode)
  })
  add('attribution.period', 'Attribution period', `${terms.attribution.periodStart} to ${terms.attribution.periodEnd}`)
  addItems(terms.qualityGoals, (goal, addItem) => {
    addItem(`goal:${goal.measure}`, goalTerm(goal.measure), describeGoal(goal), String(QUALITY_MEASURE_CODES.indexOf(goal.measure)))
  })
  add('qualityGate', 'Quality gate', formatScore(terms.qualityGate))
  const sharing = terms.riskSharing
  add('risk.model', 'Risk sharing', RISK_MODEL_LABELS[sharing.model])
  add('risk.sharingRate', 'Sharing rate', formatRate(sharing.sharingRate))
  add('risk.downsideRate', 'Downside rate', sharing.downsideRate === null ? NONE : formatRate(sharing.downsideRate))
  add('risk.stopGain', 'Stop-gain', `${formatRate(sharing.stopGainShare)} of total benchmark`)
  add('risk.stopLoss', 'Stop-loss', sharing.stopLossShare === null ? NONE : `${formatRate(sharing.stopLossShare)} of total benchmark`)
  add('risk.outlierCap', 'Outlier cap', `${formatScore(sharing.outlierCap)} × benchmark`)
  add('risk.minimumEpisodes', 'Minimum episodes', String(sharing.minimumEpisodes))
  add('access', 'Access guarantee', `first consult within ${terms.accessGuaranteeDays} ${terms.accessGuaranteeDays === 1 ? 'day' : 'days'}`)
  add('network', 'Network', list(terms.networkFacilityIds.map(facilityName).sort((a, b) => a.localeCompare(b))))
  add('data.cadence', 'Data sharing cadence', terms.dataSharing.cadence)
  add('data.fields', 'Data sharing fields', list(inOrder(DATA_SHARING_FIELDS, terms.dataSharing.fields).map((field) => DATA_SHARING_FIELD_LABELS[field])))
  for (const activity of ACTIVITIES) {
    add(`responsibility:${activity}`, `Who does ${ACTIVITY_LABELS[activity]}`, PARTY_LABELS[terms.responsibilities[activity]])
  }
  add('reporting.cadence', 'Reporting cadence', terms.reporting.cadence)
  add('reporting.reviewDates', 'Review dates', list([...terms.reporting.reviewDates].sort()))
  add('recalibration', 'Recalibration date', terms.recalibrationDate)
  return described
}

/** The goal's changed attributes as separate lines: target and weight are negotiated one at a time. */
function goalChanges(measure: QualityMeasure, previous: QualityGoal, next: QualityGoal): TermChange[] {
  const label = goalTerm(measure)
  const pairs: [string, string, string][] = [
    ['direction', DIRECTION_LABELS[previous.direction], DIRECTION_LABELS[next.direction]],
    ['target', formatTarget(measure, previous.target), formatTarget(measure, next.target)],
    ['weight', formatScore(previous.weight), formatScore(next.weight)],
  ]
  return pairs.filter(([, before, after]) => before !== after).map(([attribute, before, after]) => change(`${label}, ${attribute}`, before, after))
}

function change(term: string, before: string, after: string): TermChange {
  return { term, before, after, text: `${term}: ${before} → ${after}` }
}

/**
 * Every term that differs between two versions, in words and in the order of DESIGN §11, for the
 * "changes since the last version" view: "Warranty window: 90 days → 60 days". A term one version
 * lacks reads "none" (a procedure or goal added or removed). Facility ids are shown by
 * `facilityNames` when given. Identical versions give an empty list.
 */
export function redline(previous: ContractTerms, next: ContractTerms, facilityNames: Readonly<Record<string, string>> = {}): TermChange[] {
  const facilityName = (id: string) => facilityNames[id] ?? id
  const before = describeTerms(previous, facilityName)
  const after = describeTerms(next, facilityName)
  const beforeByKey = new Map(before.map((term) => [term.key, term]))
  const afterByKey = new Map(after.map((term) => [term.key, term]))
  const keys = [...new Map([...before, ...after].map((term) => [term.key, term])).values()]
    .sort((a, b) => a.rank - b.rank || (a.item < b.item ? -1 : a.item > b.item ? 1 : 0))
    .map((term) => term.key)

  return keys.flatMap((key) => {
    const old = beforeByKey.get(key)
    const current = afterByKey.get(key)
    if (old && current) {
      if (old.value === current.value) return []
      if (key.startsWith('goal:')) {
        const measure = key.slice('goal:'.length) as QualityMeasure
        const find = (terms: ContractTerms) => terms.qualityGoals.find((goal) => goal.measure === measure)!
        return goalChanges(measure, find(previous), find(next))
      }
      return [change(current.term, old.value, current.value)]
    }
    const term = (current ?? old)!
    return [change(term.term, old?.value ?? NONE, current?.value ?? NONE)]
  })
}
