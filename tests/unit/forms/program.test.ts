import { parseWithZod } from '@conform-to/zod'
import { describe, expect, it } from 'vitest'
import { BenefitRulesSchema, parseProjectionQuery, parseVersionQuery, ProgramDetailsSchema, ProgramProceduresSchema, TravelRulesSchema } from '~/forms/program'

function form(values: Record<string, string | string[]>) {
  const data = new FormData()
  for (const [key, value] of Object.entries(values)) for (const v of [value].flat()) data.append(key, v)
  return data
}

const TRAVEL = {
  intent: 'travel',
  minDistanceMiles: '50',
  companionCovered: 'on',
  flyThresholdMiles: '300',
  mileageRateCents: '0.70',
  airfareAllowanceCents: '600',
  lodgingNights: '',
  lodgingNightlyCapCents: '175',
  mealsPerDiemCents: '60',
  travelCapCents: '5,000',
}

function errorsOf(schema: Parameters<typeof parseWithZod>[1]['schema'], values: Record<string, string | string[]>) {
  const result = parseWithZod(form(values), { schema })
  return result.status === 'success' ? {} : (result.error ?? {})
}

describe('program forms', () => {
  it('turns travel rules into cents and miles; empty lodging nights means the procedure’s nights', () => {
    const result = parseWithZod(form(TRAVEL), { schema: TravelRulesSchema })
    expect(result.status).toBe('success')
    if (result.status !== 'success') return
    expect(result.value).toEqual({
      intent: 'travel', minDistanceMiles: 50, companionCovered: 1, flyThresholdMiles: 300, mileageRateCents: 70, airfareAllowanceCents: 60_000,
      lodgingNights: null, lodgingNightlyCapCents: 17_500, mealsPerDiemCents: 6_000, travelCapCents: 500_000,
    })
  })

  it.each<[string, Record<string, string>, string, string]>([
    ['a travel cap below one night', { travelCapCents: '100' }, 'travelCapCents', 'The travel cap is below one night of lodging: raise it to at least the nightly cap'],
    ['a fly distance below the travel distance', { flyThresholdMiles: '20' }, 'flyThresholdMiles', 'The flying distance cannot be below the distance from which travel is covered'],
    ['miles that are not a number', { minDistanceMiles: 'fifty' }, 'minDistanceMiles', 'Enter the distance from which travel is covered as a whole number'],
    ['a mileage rate in words', { mileageRateCents: 'cheap' }, 'mileageRateCents', 'Enter the mileage rate in dollars, like 1500 or 1,500.00'],
    ['an enormous travel cap', { travelCapCents: '900000' }, 'travelCapCents', 'The travel cap per case must be from $0 to $50,000'],
  ])('refuses %s', (_, change, field, message) => {
    expect(errorsOf(TravelRulesSchema, { ...TRAVEL, ...change })[field]).toEqual([message])
  })

  it('needs the outside coinsurance only for the higher-coinsurance rule, and drops it otherwise', () => {
    const base = { intent: 'benefit', deductibleWaived: 'on', coeCopayCents: '0', completionIncentiveCents: '250' }
    expect(errorsOf(BenefitRulesSchema, { ...base, outsideRule: 'higher_coinsurance' }).outsideCoinsuranceRate).toEqual([
      'Enter the higher coinsurance that applies outside the program, e.g. 40',
    ])
    const higher = parseWithZod(form({ ...base, outsideRule: 'higher_coinsurance', outsideCoinsuranceRate: '40' }), { schema: BenefitRulesSchema })
    expect(higher.status === 'success' && higher.value).toMatchObject({ deductibleWaived: 1, coinsuranceWaived: 0, completionIncentiveCents: 25_000, outsideCoinsuranceRate: 0.4 })
    const plain = parseWithZod(form({ ...base, outsideRule: 'plan_terms', outsideCoinsuranceRate: '40' }), { schema: BenefitRulesSchema })
    expect(plain.status === 'success' && plain.value.outsideCoinsuranceRate).toBeNull()
  })

  it('checks names, dates and procedures', () => {
    expect(errorsOf(ProgramDetailsSchema, { intent: 'details', name: 'K', effectiveFrom: '2027-01-01' }).name).toEqual(['Enter a program name of at least 3 characters'])
    expect(errorsOf(ProgramDetailsSchema, { intent: 'details', name: 'Knee COE', effectiveFrom: '2027-02-30' }).effectiveFrom).toEqual(['Enter the start date as a real date'])
    expect(errorsOf(ProgramDetailsSchema, { intent: 'details', name: 'Knee COE', effectiveFrom: '2027-02-01', effectiveTo: '2027-01-31' }).effectiveTo).toEqual([
      'The end date cannot be before the start date',
    ])
    expect(errorsOf(ProgramProceduresSchema, { intent: 'procedures' }).procedureIds).toEqual(['Choose at least one procedure'])
  })

  it('reads projection assumptions from the query string and reports bad ones', () => {
    const ok = parseProjectionQuery(new URLSearchParams('adoption=25&incidence_TKA=3.5'), ['TKA', 'THA'])
    expect(ok).toEqual({ settings: { adoptionRate: 0.25, incidence: { TKA: 3.5 } }, errors: {} })
    const bad = parseProjectionQuery(new URLSearchParams('adoption=140&incidence_THA=lots'), ['TKA', 'THA'])
    expect(bad.settings).toEqual({ adoptionRate: 0.4, incidence: {} })
    expect(bad.errors).toEqual({ adoption: 'Enter the adoption rate as a percentage from 0 to 100', incidence_THA: 'Enter cases per 1,000 members a year, from 0 to 100' })
    expect(parseVersionQuery(new URLSearchParams('version=2'))).toBe(2)
    expect(parseVersionQuery(new URLSearchParams('version=0'))).toBeNull()
    expect(parseVersionQuery(new URLSearchParams('version=x'))).toBeNull()
  })
})
