import { describe, expect, it } from 'vitest'
import { ContractTermsSchema, redline, reviewCountRange, type ContractTerms, type ContractTermsInput } from '~/domain/contracts/terms'

/** A complete, valid terms document: a one-year two-sided contract for knees and hips. */
const VALID: ContractTermsInput = {
  bundleRates: [
    { procedureCode: 'TKA', bundleCents: 2_800_000, includes: ['facility', 'surgeon', 'anesthesia', 'implant', 'follow_up_visits'], sourceOfferId: 'offer-tka' },
    { procedureCode: 'THA', bundleCents: 3_000_000, includes: ['facility', 'surgeon', 'anesthesia', 'implant'], sourceOfferId: null },
  ],
  warranty: { windowDays: 90, covers: ['complications', 'readmissions'] },
  benchmarks: [
    { procedureCode: 'TKA', source: 'typical_local_price', benchmarkCents: 5_200_000 },
    { procedureCode: 'THA', source: 'negotiated', benchmarkCents: 5_000_000 },
  ],
  attribution: { model: 'prospective', periodStart: '2027-01-01', periodEnd: '2027-12-31' },
  qualityGoals: [
    { measure: 'complication_rate_90d', direction: 'lower_is_better', target: 0.05, weight: 0.4 },
    { measure: 'readmission_rate_30d', direction: 'lower_is_better', target: 0.04, weight: 0.3 },
    { measure: 'mean_satisfaction', direction: 'higher_is_better', target: 8.5, weight: 0.3 },
  ],
  qualityGate: 0.6,
  riskSharing: { model: 'two_sided', sharingRate: 0.5, downsideRate: 0.3, stopGainShare: 0.1, stopLossShare: 0.05, outlierCap: 2, minimumEpisodes: 10 },
  accessGuaranteeDays: 14,
  networkFacilityIds: ['fac-columbus', 'fac-dayton'],
  dataSharing: { cadence: 'monthly', fields: ['member_pseudonym', 'procedure_code', 'procedure_date', 'complication_90d'] },
  responsibilities: { care_management: 'center', case_management: 'platform', travel_booking: 'platform', discharge_follow_up: 'center', outcome_reporting: 'platform' },
  reporting: { cadence: 'quarterly', reviewDates: ['2027-04-15', '2027-10-15'] },
  recalibrationDate: '2027-07-01',
}

type Draft = Record<string, any>

/** VALID with one change made to a deep copy. */
function edited(change: (draft: Draft) => void): unknown {
  const draft = structuredClone(VALID) as Draft
  change(draft)
  return draft
}

/** Every message of a parse, by its path ("qualityGoals.0.target"). */
function messagesByPath(input: unknown): Record<string, string[]> {
  const result = ContractTermsSchema.safeParse(input)
  if (result.success) return {}
  const byPath: Record<string, string[]> = {}
  for (const issue of result.error.issues) (byPath[issue.path.join('.')] ??= []).push(issue.message)
  return byPath
}

function parsed(input: unknown = VALID): ContractTerms {
  return ContractTermsSchema.parse(input)
}

describe('ContractTermsSchema', () => {
  it('accepts a complete document; absent optional terms read as null', () => {
    const terms = parsed(edited((d) => {
      delete d.bundleRates[1].sourceOfferId
    }))
    expect(terms.bundleRates[1]!.sourceOfferId).toBeNull()
    expect(terms.riskSharing).toEqual(VALID.riskSharing)
    expect(messagesByPath(VALID)).toEqual({})
  })

  it.each<[string, (d: Draft) => void]>([
    ['a one-sided contract with no downside rate and no stop-loss (null)', (d) => Object.assign(d.riskSharing, { model: 'one_sided', downsideRate: null, stopLossShare: null })],
    ['a one-sided contract with no downside rate and no stop-loss (absent)', (d) => {
      d.riskSharing.model = 'one_sided'
      delete d.riskSharing.downsideRate
      delete d.riskSharing.stopLossShare
    }],
    ['no warranty: 0 days, covering nothing', (d) => (d.warranty = { windowDays: 0, covers: [] })],
    ['the warranty at its longest, 365 days', (d) => (d.warranty.windowDays = 365)],
    ['weights within 0.001 of 1 (0.333 × 3)', (d) => d.qualityGoals.forEach((goal: Draft) => (goal.weight = 0.333))],
    ['every goal measure once, at the ends of their ranges', (d) => (d.qualityGoals = [
      { measure: 'complication_rate_90d', direction: 'lower_is_better', target: 0, weight: 0.2 },
      { measure: 'readmission_rate_30d', direction: 'lower_is_better', target: 1, weight: 0.2 },
      { measure: 'mean_satisfaction', direction: 'higher_is_better', target: 10, weight: 0.2 },
      { measure: 'pro_share', direction: 'higher_is_better', target: 0, weight: 0.2 },
      { measure: 'days_to_first_consult', direction: 'lower_is_better', target: 365, weight: 0.2 },
    ])],
    ['rates, shares and the gate at 0 and 1', (d) => {
      Object.assign(d.riskSharing, { sharingRate: 1, downsideRate: 0, stopGainShare: 0, stopLossShare: 1 })
      d.qualityGate = 0
    }],
    ['an outlier cap of exactly 1 and n₀ of 0', (d) => Object.assign(d.riskSharing, { outlierCap: 1, minimumEpisodes: 0 })],
    ['an outlier cap of 10', (d) => (d.riskSharing.outlierCap = 10)],
    ['an access guarantee of 1 day', (d) => (d.accessGuaranteeDays = 1)],
    ['an access guarantee of 90 days', (d) => (d.accessGuaranteeDays = 90)],
    ['four review dates, on the first and last days of the period', (d) => (d.reporting.reviewDates = ['2027-01-01', '2027-05-01', '2027-09-01', '2027-12-31'])],
    ['recalibration on the last day of the period', (d) => (d.recalibrationDate = '2027-12-31')],
    ['a two-year period with four review dates', (d) => {
      d.attribution.periodEnd = '2028-12-31'
      d.reporting.reviewDates = ['2027-04-15', '2027-10-15', '2028-04-15', '2028-10-15']
    }],
  ])('accepts %s', (_name, change) => {
    expect(messagesByPath(edited(change))).toEqual({})
  })

  // Each row: the change, the path of the field that gets the message, and the message itself.
  it.each<[string, (d: Draft) => void, string, string]>([
    // Bundle rates
    ['no bundle rates', (d) => (d.bundleRates = []), 'bundleRates', 'Add a bundle rate for at least one procedure'],
    ['bundle rates missing', (d) => delete d.bundleRates, 'bundleRates', 'Add a bundle rate for at least one procedure'],
    ['a bundle rate of $0', (d) => (d.bundleRates[0].bundleCents = 0), 'bundleRates.0.bundleCents', 'Enter a bundle rate from $0.01 to $10,000,000'],
    ['a negative bundle rate', (d) => (d.bundleRates[0].bundleCents = -100), 'bundleRates.0.bundleCents', 'Enter a bundle rate from $0.01 to $10,000,000'],
    ['a bundle rate in fractions of a cent', (d) => (d.bundleRates[0].bundleCents = 2_800_000.5), 'bundleRates.0.bundleCents', 'Enter a bundle rate from $0.01 to $10,000,000'],
    ['a bundle rate above $10,000,000', (d) => (d.bundleRates[0].bundleCents = 1_000_000_001), 'bundleRates.0.bundleCents', 'Enter a bundle rate from $0.01 to $10,000,000'],
    ['a bundle rate as text', (d) => (d.bundleRates[0].bundleCents = '28000'), 'bundleRates.0.bundleCents', 'Enter a bundle rate from $0.01 to $10,000,000'],
    ['a bundle rate without a procedure', (d) => (d.bundleRates[0].procedureCode = ' '), 'bundleRates.0.procedureCode', 'Choose the procedure'],
    ['two bundle rates for one procedure', (d) => {
      d.bundleRates[1].procedureCode = 'TKA'
      d.benchmarks = [d.benchmarks[0]]
    }, 'bundleRates.1.procedureCode', 'TKA already has a bundle rate: keep one'],
    ['a bundle that includes nothing', (d) => (d.bundleRates[0].includes = []), 'bundleRates.0.includes', 'Say what the bundle includes'],
    ['a bundle including something unknown', (d) => (d.bundleRates[0].includes = ['spa']), 'bundleRates.0.includes.0', 'Choose what the bundle includes from: facility, surgeon, anesthesia, implant, follow-up visits'],
    ['an inclusion listed twice', (d) => (d.bundleRates[0].includes = ['facility', 'facility']), 'bundleRates.0.includes.1', 'List each inclusion once'],
    ['an empty source offer', (d) => (d.bundleRates[0].sourceOfferId = ''), 'bundleRates.0.sourceOfferId', 'Choose the offer the rate comes from'],
    // Warranty
    ['a warranty of 366 days', (d) => (d.warranty.windowDays = 366), 'warranty.windowDays', 'Enter a warranty window of 0 to 365 whole days'],
    ['a negative warranty', (d) => (d.warranty.windowDays = -1), 'warranty.windowDays', 'Enter a warranty window of 0 to 365 whole days'],
    ['a warranty of 30.5 days', (d) => (d.warranty.windowDays = 30.5), 'warranty.windowDays', 'Enter a warranty window of 0 to 365 whole days'],
    ['a 90-day warranty covering nothing', (d) => (d.warranty.covers = []), 'warranty.covers', 'Choose what the warranty covers: complications, readmissions or both'],
    ['a warranty covering something unknown', (d) => (d.warranty.covers = ['infections']), 'warranty.covers.0', 'Choose what the warranty covers: complications, readmissions or both'],
    ['a warranty covering readmissions twice', (d) => (d.warranty.covers = ['readmissions', 'readmissions']), 'warranty.covers.1', 'List each kind of care the warranty covers once'],
    // Benchmarks
    ['a benchmark from an unknown source', (d) => (d.benchmarks[0].source = 'medicare'), 'benchmarks.0.source', 'Choose the benchmark source: the typical local price at signing, or a negotiated amount'],
    ['a benchmark of $0', (d) => (d.benchmarks[0].benchmarkCents = 0), 'benchmarks.0.benchmarkCents', 'Enter a benchmark from $0.01 to $10,000,000'],
    ['a procedure without a benchmark', (d) => (d.benchmarks = [d.benchmarks[0]]), 'benchmarks', 'Add a benchmark for THA'],
    ['a benchmark without a bundle rate', (d) => d.benchmarks.push({ procedureCode: 'SPINE_FUSION', source: 'negotiated', benchmarkCents: 6_000_000 }), 'benchmarks.2.procedureCode', 'SPINE_FUSION has no bundle rate: remove its benchmark or add a bundle rate'],
    ['two benchmarks for one procedure', (d) => (d.benchmarks[1].procedureCode = 'TKA'), 'benchmarks.1.procedureCode', 'TKA already has a benchmark: keep one'],
    // Attribution
    ['retrospective attribution', (d) => (d.attribution.model = 'retrospective'), 'attribution.model', 'Attribution is prospective: a case is authorised before its procedure'],
    ['a period start that is not a date', (d) => (d.attribution.periodStart = '2027-02-30'), 'attribution.periodStart', 'Enter the period start as a real date, like 2026-01-01'],
    ['a period end before 2000', (d) => (d.attribution.periodEnd = '1999-12-31'), 'attribution.periodEnd', 'Enter the period end as a date from 2000 to 2100'],
    ['a period ending the day it starts', (d) => (d.attribution.periodEnd = '2027-01-01'), 'attribution.periodEnd', 'The period must end after it starts'],
    ['a period ending before it starts', (d) => (d.attribution.periodEnd = '2026-12-31'), 'attribution.periodEnd', 'The period must end after it starts'],
    // Quality goals and gate
    ['no quality goals', (d) => (d.qualityGoals = []), 'qualityGoals', 'Add at least one quality goal'],
    ['an unknown measure', (d) => (d.qualityGoals[0].measure = 'mortality'), 'qualityGoals.0.measure', 'Choose a measure: 90-day complication rate, 30-day readmission rate, mean satisfaction, share with patient-reported outcomes, days to first consult'],
    ['an unknown direction', (d) => (d.qualityGoals[0].direction = 'up'), 'qualityGoals.0.direction', 'Choose whether lower or higher is better'],
    ['complications where higher is better', (d) => (d.qualityGoals[0].direction = 'higher_is_better'), 'qualityGoals.0.direction', 'For the 90-day complication rate, lower is better'],
    ['satisfaction where lower is better', (d) => (d.qualityGoals[2].direction = 'lower_is_better'), 'qualityGoals.2.direction', 'For the mean satisfaction, higher is better'],
    ['a complication-rate target above 100%', (d) => (d.qualityGoals[0].target = 1.2), 'qualityGoals.0.target', 'Enter a target 90-day complication rate from 0% to 100%'],
    ['a negative readmission-rate target', (d) => (d.qualityGoals[1].target = -0.01), 'qualityGoals.1.target', 'Enter a target 30-day readmission rate from 0% to 100%'],
    ['a satisfaction target above 10', (d) => (d.qualityGoals[2].target = 11), 'qualityGoals.2.target', 'Enter a target mean satisfaction from 0 to 10'],
    ['a days-to-first-consult target above 365', (d) => (d.qualityGoals[0] = { measure: 'days_to_first_consult', direction: 'lower_is_better', target: 400, weight: 0.4 }), 'qualityGoals.0.target', 'Enter a target of 0 to 365 days to first consult'],
    ['a target as text', (d) => (d.qualityGoals[0].target = 'five percent'), 'qualityGoals.0.target', 'Enter the target as a number'],
    ['a weight above 1', (d) => (d.qualityGoals[0].weight = 1.5), 'qualityGoals.0.weight', 'Enter a weight from 0 to 1'],
    ['a negative weight', (d) => (d.qualityGoals[0].weight = -0.1), 'qualityGoals.0.weight', 'Enter a weight from 0 to 1'],
    ['weights adding up to 0.9', (d) => (d.qualityGoals[0].weight = 0.3), 'qualityGoals', 'The goal weights must add up to 1 (now 0.9)'],
    ['weights 0.002 short of 1 (0.332 × 3)', (d) => d.qualityGoals.forEach((goal: Draft) => (goal.weight = 0.332)), 'qualityGoals', 'The goal weights must add up to 1 (now 0.996)'],
    ['one measure twice', (d) => (d.qualityGoals[1] = { ...d.qualityGoals[0], weight: 0.3 }), 'qualityGoals.1.measure', 'The 90-day complication rate is already a goal: use each measure once'],
    ['a quality gate above 1', (d) => (d.qualityGate = 1.1), 'qualityGate', 'Enter a quality gate from 0 to 1'],
    ['a negative quality gate', (d) => (d.qualityGate = -0.1), 'qualityGate', 'Enter a quality gate from 0 to 1'],
    ['a quality gate as text', (d) => (d.qualityGate = 'high'), 'qualityGate', 'Enter a quality gate from 0 to 1'],
    // Risk sharing
    ['an unknown risk model', (d) => (d.riskSharing.model = 'both'), 'riskSharing.model', 'Choose one-sided (shared savings only) or two-sided (shared savings and losses)'],
    ['a sharing rate above 100%', (d) => (d.riskSharing.sharingRate = 1.01), 'riskSharing.sharingRate', 'Enter a sharing rate from 0% to 100%'],
    ['a negative sharing rate', (d) => (d.riskSharing.sharingRate = -0.5), 'riskSharing.sharingRate', 'Enter a sharing rate from 0% to 100%'],
    ['a sharing rate that is not a number', (d) => (d.riskSharing.sharingRate = Number.NaN), 'riskSharing.sharingRate', 'Enter a sharing rate from 0% to 100%'],
    ['a downside rate above 100%', (d) => (d.riskSharing.downsideRate = 2), 'riskSharing.downsideRate', 'Enter a downside rate from 0% to 100%'],
    ['a two-sided contract without a downside rate', (d) => (d.riskSharing.downsideRate = null), 'riskSharing.downsideRate', 'Enter the downside rate of a two-sided contract, from 0% to 100%'],
    ['a two-sided contract without a stop-loss', (d) => delete d.riskSharing.stopLossShare, 'riskSharing.stopLossShare', 'Enter the stop-loss of a two-sided contract, from 0% to 100% of the total benchmark'],
    ['a one-sided contract with a downside rate', (d) => Object.assign(d.riskSharing, { model: 'one_sided', stopLossShare: null }), 'riskSharing.downsideRate', 'A one-sided contract has no downside rate: leave it empty, or make the contract two-sided'],
    ['a one-sided contract with a stop-loss', (d) => Object.assign(d.riskSharing, { model: 'one_sided', downsideRate: null }), 'riskSharing.stopLossShare', 'A one-sided contract has no stop-loss: leave it empty, or make the contract two-sided'],
    ['a stop-gain above 100%', (d) => (d.riskSharing.stopGainShare = 1.5), 'riskSharing.stopGainShare', 'Enter a stop-gain from 0% to 100% of the total benchmark'],
    ['a negative stop-loss', (d) => (d.riskSharing.stopLossShare = -0.1), 'riskSharing.stopLossShare', 'Enter a stop-loss from 0% to 100% of the total benchmark'],
    ['an outlier cap below 1', (d) => (d.riskSharing.outlierCap = 0.9), 'riskSharing.outlierCap', 'Enter an outlier cap from 1 to 10 times the benchmark'],
    ['an outlier cap above 10', (d) => (d.riskSharing.outlierCap = 11), 'riskSharing.outlierCap', 'Enter an outlier cap from 1 to 10 times the benchmark'],
    ['negative minimum episodes', (d) => (d.riskSharing.minimumEpisodes = -1), 'riskSharing.minimumEpisodes', 'Enter the minimum episodes as a whole number from 0 to 100,000'],
    ['fractional minimum episodes', (d) => (d.riskSharing.minimumEpisodes = 2.5), 'riskSharing.minimumEpisodes', 'Enter the minimum episodes as a whole number from 0 to 100,000'],
    // Access guarantee and network
    ['an access guarantee of 0 days', (d) => (d.accessGuaranteeDays = 0), 'accessGuaranteeDays', 'Enter an access guarantee of 1 to 90 whole days'],
    ['an access guarantee of 91 days', (d) => (d.accessGuaranteeDays = 91), 'accessGuaranteeDays', 'Enter an access guarantee of 1 to 90 whole days'],
    ['an access guarantee of 7.5 days', (d) => (d.accessGuaranteeDays = 7.5), 'accessGuaranteeDays', 'Enter an access guarantee of 1 to 90 whole days'],
    ['an empty network', (d) => (d.networkFacilityIds = []), 'networkFacilityIds', 'Add at least one facility to the network'],
    ['a blank facility', (d) => (d.networkFacilityIds = ['']), 'networkFacilityIds.0', 'Choose the facility'],
    ['a facility twice', (d) => (d.networkFacilityIds = ['fac-columbus', 'fac-columbus']), 'networkFacilityIds.1', 'This facility is already in the network'],
    // Data sharing
    ['weekly data sharing', (d) => (d.dataSharing.cadence = 'weekly'), 'dataSharing.cadence', 'Choose monthly or quarterly data sharing'],
    ['sharing no field', (d) => (d.dataSharing.fields = []), 'dataSharing.fields', 'Choose at least one field to share'],
    ['sharing a field not on the list', (d) => (d.dataSharing.fields = ['ssn']), 'dataSharing.fields.0', 'Choose the fields to share from the list'],
    ['sharing a field twice', (d) => (d.dataSharing.fields = ['procedure_code', 'procedure_code']), 'dataSharing.fields.1', 'List each field once'],
    // Division of responsibilities
    ['nobody doing care management', (d) => delete d.responsibilities.care_management, 'responsibilities.care_management', 'Choose who does care management: the purchaser, the center or the platform'],
    ['travel booking by someone else', (d) => (d.responsibilities.travel_booking = 'employee'), 'responsibilities.travel_booking', 'Choose who does travel booking: the purchaser, the center or the platform'],
    ['discharge follow-up by two parties', (d) => (d.responsibilities.discharge_follow_up = ['center', 'platform']), 'responsibilities.discharge_follow_up', 'Choose who does discharge follow-up: the purchaser, the center or the platform'],
    ['an activity not on the list', (d) => (d.responsibilities.billing = 'platform'), 'responsibilities', 'Only these activities are assigned: care management, case management, travel booking, discharge follow-up, outcome reporting'],
    // Reporting and recalibration
    ['yearly reporting', (d) => (d.reporting.cadence = 'yearly'), 'reporting.cadence', 'Choose monthly or quarterly reporting'],
    ['one review in a year', (d) => (d.reporting.reviewDates = ['2027-06-01']), 'reporting.reviewDates', 'Plan 2 to 4 joint reviews a year: 2 to 4 dates for a period of 1 year'],
    ['five reviews in a year', (d) => (d.reporting.reviewDates = ['2027-02-01', '2027-04-01', '2027-06-01', '2027-08-01', '2027-10-01']), 'reporting.reviewDates', 'Plan 2 to 4 joint reviews a year: 2 to 4 dates for a period of 1 year'],
    ['three reviews in two years', (d) => {
      d.attribution.periodEnd = '2028-12-31'
      d.reporting.reviewDates = ['2027-04-15', '2027-10-15', '2028-04-15']
    }, 'reporting.reviewDates', 'Plan 2 to 4 joint reviews a year: 4 to 8 dates for a period of 2 years'],
    ['a review after the period', (d) => (d.reporting.reviewDates = ['2027-04-15', '2028-01-15']), 'reporting.reviewDates.1', 'Hold reviews inside the contract period (2027-01-01 to 2027-12-31)'],
    ['a review date twice', (d) => (d.reporting.reviewDates = ['2027-04-15', '2027-04-15']), 'reporting.reviewDates.1', 'This review date is listed twice'],
    ['a review date that is not a date', (d) => (d.reporting.reviewDates = ['2027-13-01', '2027-10-15']), 'reporting.reviewDates.0', 'Enter the review date as a real date, like 2026-01-01'],
    ['a recalibration after the period', (d) => (d.recalibrationDate = '2028-01-01'), 'recalibrationDate', 'Recalibrate inside the contract period (2027-01-01 to 2027-12-31)'],
    ['a recalibration before the period', (d) => (d.recalibrationDate = '2026-12-31'), 'recalibrationDate', 'Recalibrate inside the contract period (2027-01-01 to 2027-12-31)'],
    ['a recalibration date that is not a date', (d) => (d.recalibrationDate = 'soon'), 'recalibrationDate', 'Enter the recalibration date as a real date, like 2026-01-01'],
  ])('refuses %s', (_name, change, path, message) => {
    expect(messagesByPath(edited(change))[path]).toEqual([message])
  })

  it('puts each message on its own field, so several wrong terms are reported together', () => {
    const messages = messagesByPath(
      edited((d) => {
        d.warranty.windowDays = 400
        d.riskSharing.sharingRate = 2
        d.accessGuaranteeDays = 0
      }),
    )
    expect(messages).toEqual({
      'warranty.windowDays': ['Enter a warranty window of 0 to 365 whole days'],
      'riskSharing.sharingRate': ['Enter a sharing rate from 0% to 100%'],
      accessGuaranteeDays: ['Enter an access guarantee of 1 to 90 whole days'],
    })
  })
})

describe('reviewCountRange', () => {
  it.each([
    ['2027-01-01', '2027-12-31', { min: 2, max: 4 }],
    ['2027-01-01', '2027-06-30', { min: 2, max: 4 }], // half a year still counts as one
    ['2027-01-01', '2028-12-31', { min: 4, max: 8 }],
    ['2027-01-01', '2028-06-30', { min: 2, max: 4 }], // 547 days, just under 1.5 years: 1
    ['2027-01-01', '2028-07-31', { min: 4, max: 8 }], // 19 months: 2
    ['2027-01-01', '2029-12-31', { min: 6, max: 12 }],
  ])('%s to %s needs %o review dates', (start, end, range) => {
    expect(reviewCountRange(start, end)).toEqual(range)
  })
})

describe('redline', () => {
  const base = parsed()
  const next = (change: (d: Draft) => void) => parsed(edited(change))

  it('lists nothing for the same terms, nor for lists in another order', () => {
    expect(redline(base, base)).toEqual([])
    const reordered = next((d) => {
      d.bundleRates.reverse()
      d.bundleRates[0].includes.reverse()
      d.benchmarks.reverse()
      d.qualityGoals.reverse()
      d.networkFacilityIds.reverse()
      d.dataSharing.fields.reverse()
      d.reporting.reviewDates.reverse()
      d.warranty.covers.reverse()
    })
    expect(redline(base, reordered)).toEqual([])
  })

  it('says a changed term in words, with before and after', () => {
    expect(redline(base, next((d) => (d.warranty.windowDays = 60)))).toEqual([
      { term: 'Warranty window', before: '90 days', after: '60 days', text: 'Warranty window: 90 days → 60 days' },
    ])
  })

  it.each<[string, (d: Draft) => void, string[]]>([
    ['the bundle rate', (d) => (d.bundleRates[0].bundleCents = 2_750_000), ['Bundle rate for TKA: $28,000.00 → $27,500.00']],
    ['what a bundle includes', (d) => (d.bundleRates[1].includes = ['facility', 'surgeon']), ['Bundle for THA includes: facility, surgeon, anesthesia, implant → facility, surgeon']],
    ['what the warranty covers', (d) => (d.warranty.covers = ['complications']), ['Warranty covers: complications and readmissions → complications']],
    ['no warranty', (d) => (d.warranty = { windowDays: 0, covers: [] }), ['Warranty window: 90 days → 0 days', 'Warranty covers: complications and readmissions → nothing']],
    ['the benchmark and its source', (d) => (d.benchmarks[0] = { procedureCode: 'TKA', source: 'negotiated', benchmarkCents: 5_000_000 }), ['Benchmark for TKA: $52,000.00 (typical local price) → $50,000.00 (negotiated)']],
    ['the period', (d) => (d.attribution.periodEnd = '2027-11-30'), ['Attribution period: 2027-01-01 to 2027-12-31 → 2027-01-01 to 2027-11-30']],
    ['a goal target and weight', (d) => {
      d.qualityGoals[0].target = 0.04
      d.qualityGoals[0].weight = 0.3
      d.qualityGoals[1].weight = 0.4
    }, [
      '90-day complication rate goal, target: 5% → 4%',
      '90-day complication rate goal, weight: 0.4 → 0.3',
      '30-day readmission rate goal, weight: 0.3 → 0.4',
    ]],
    ['a goal replaced by another', (d) => (d.qualityGoals[2] = { measure: 'days_to_first_consult', direction: 'lower_is_better', target: 10, weight: 0.3 }), [
      'Mean satisfaction goal: higher is better, target 8.5 of 10, weight 0.3 → none',
      'Days to first consult goal: none → lower is better, target 10 days, weight 0.3',
    ]],
    ['the quality gate', (d) => (d.qualityGate = 0.7), ['Quality gate: 0.6 → 0.7']],
    ['two-sided to one-sided', (d) => Object.assign(d.riskSharing, { model: 'one_sided', downsideRate: null, stopLossShare: null }), [
      'Risk sharing: two-sided → one-sided',
      'Downside rate: 30% → none',
      'Stop-loss: 5% of total benchmark → none',
    ]],
    ['the shared-savings terms', (d) => Object.assign(d.riskSharing, { sharingRate: 0.6, stopGainShare: 0.125, outlierCap: 1.5, minimumEpisodes: 12 }), [
      'Sharing rate: 50% → 60%',
      'Stop-gain: 10% of total benchmark → 12.5% of total benchmark',
      'Outlier cap: 2 × benchmark → 1.5 × benchmark',
      'Minimum episodes: 10 → 12',
    ]],
    ['the access guarantee', (d) => (d.accessGuaranteeDays = 10), ['Access guarantee: first consult within 14 days → first consult within 10 days']],
    ['the data sharing', (d) => (d.dataSharing = { cadence: 'quarterly', fields: ['procedure_code', 'procedure_date', 'readmission_30d'] }), [
      'Data sharing cadence: monthly → quarterly',
      'Data sharing fields: member pseudonym, procedure, procedure date, 90-day complication → procedure, procedure date, 30-day readmission',
    ]],
    ['who does what', (d) => Object.assign(d.responsibilities, { care_management: 'purchaser', outcome_reporting: 'center' }), [
      'Who does care management: the center → the purchaser',
      'Who does outcome reporting: the platform → the center',
    ]],
    ['reporting and recalibration', (d) => {
      d.reporting = { cadence: 'monthly', reviewDates: ['2027-03-15', '2027-06-15', '2027-09-15'] }
      d.recalibrationDate = '2027-06-30'
    }, [
      'Reporting cadence: quarterly → monthly',
      'Review dates: 2027-04-15, 2027-10-15 → 2027-03-15, 2027-06-15, 2027-09-15',
      'Recalibration date: 2027-07-01 → 2027-06-30',
    ]],
  ])('words a change of %s', (_name, change, texts) => {
    expect(redline(base, next(change)).map((c) => c.text)).toEqual(texts)
  })

  it('lists a procedure added and one removed where they sit, in the order of the contract', () => {
    const changed = next((d) => {
      d.bundleRates[1] = { procedureCode: 'SPINE_FUSION', bundleCents: 4_000_000, includes: ['facility', 'surgeon'], sourceOfferId: null }
      d.benchmarks[1] = { procedureCode: 'SPINE_FUSION', source: 'negotiated', benchmarkCents: 6_000_000 }
      d.warranty.windowDays = 60
    })
    expect(redline(base, changed).map((c) => c.text)).toEqual([
      'Bundle rate for SPINE_FUSION: none → $40,000.00',
      'Bundle for SPINE_FUSION includes: none → facility, surgeon',
      'Bundle rate for THA: $30,000.00 → none',
      'Bundle for THA includes: facility, surgeon, anesthesia, implant → none',
      'Warranty window: 90 days → 60 days',
      'Benchmark for SPINE_FUSION: none → $60,000.00 (negotiated)',
      'Benchmark for THA: $50,000.00 (negotiated) → none',
    ])
  })

  it('names network facilities when names are given, sorted by name', () => {
    const changed = next((d) => (d.networkFacilityIds = ['fac-dayton', 'fac-toledo', 'fac-columbus']))
    const names = { 'fac-columbus': 'Columbus Orthopedic Hospital', 'fac-dayton': 'Dayton Joint Center', 'fac-toledo': 'Akron Spine Institute' }
    expect(redline(base, changed, names).map((c) => c.text)).toEqual([
      'Network: Columbus Orthopedic Hospital, Dayton Joint Center → Akron Spine Institute, Columbus Orthopedic Hospital, Dayton Joint Center',
    ])
    expect(redline(base, changed).map((c) => c.text)).toEqual(['Network: fac-columbus, fac-dayton → fac-columbus, fac-dayton, fac-toledo'])
  })
})
