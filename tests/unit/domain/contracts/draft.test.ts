import { describe, expect, it } from 'vitest'
import { draftContractTerms, memberWeightedPriceCents, nextMonthStart, type NetworkOffer } from '~/domain/contracts/draft'
import { ContractTermsSchema } from '~/domain/contracts/terms'

const offer = (overrides: Partial<NetworkOffer> = {}): NetworkOffer => ({
  offerId: 'o1', facilityId: 'f1', procedureCode: 'TKA', bundleCents: 2_800_000, includes: ['facility', 'surgeon'], warrantyDays: 90, appointmentWithinDays: 14, ...overrides,
})

describe('memberWeightedPriceCents', () => {
  it('weights each price by its members and rounds half up to the cent', () => {
    expect(memberWeightedPriceCents([{ members: 3, priceCents: 100 }, { members: 1, priceCents: 102 }])).toBe(101) // 100.5 → 101
    expect(memberWeightedPriceCents([{ members: 2, priceCents: 4_000_000 }, { members: 2, priceCents: 5_000_000 }])).toBe(4_500_000)
  })
  it('leaves out members without a price, and gives undefined when nobody has one', () => {
    expect(memberWeightedPriceCents([{ members: 5, priceCents: undefined }, { members: 1, priceCents: 300 }])).toBe(300)
    expect(memberWeightedPriceCents([{ members: 5, priceCents: undefined }])).toBeUndefined()
    expect(memberWeightedPriceCents([])).toBeUndefined()
  })
})

describe('nextMonthStart', () => {
  it.each([
    ['2026-12-05', '2027-01-01'],
    ['2026-01-31', '2026-02-01'],
    ['2026-09-01', '2026-10-01'],
  ])('%s → %s', (today, start) => expect(nextMonthStart(today)).toBe(start))
})

describe('draftContractTerms', () => {
  it('keeps the lowest rate per procedure with its offer, and the typical local price as benchmark', () => {
    const terms = draftContractTerms({
      offers: [offer(), offer({ offerId: 'o2', facilityId: 'f2', bundleCents: 2_700_000, warrantyDays: 60, appointmentWithinDays: 21 })],
      benchmarkCents: { TKA: 4_567_800 },
      today: '2026-12-05',
    })
    expect(terms.bundleRates).toEqual([{ procedureCode: 'TKA', bundleCents: 2_700_000, includes: ['facility', 'surgeon'], sourceOfferId: 'o2' }])
    expect(terms.benchmarks).toEqual([{ procedureCode: 'TKA', source: 'typical_local_price', benchmarkCents: 4_567_800 }])
    expect(terms.networkFacilityIds).toEqual(['f1', 'f2'])
    expect(terms.warranty.windowDays).toBe(60)
    expect(terms.accessGuaranteeDays).toBe(21)
    expect(terms.attribution).toEqual({ model: 'prospective', periodStart: '2027-01-01', periodEnd: '2027-12-31' })
    expect(ContractTermsSchema.safeParse(terms).success).toBe(true)
  })

  it('marks the benchmark negotiated (at the bundle rate) when no typical local price is known', () => {
    const terms = draftContractTerms({ offers: [offer({ includes: [], appointmentWithinDays: null })], benchmarkCents: {}, today: '2026-02-28' })
    expect(terms.benchmarks).toEqual([{ procedureCode: 'TKA', source: 'negotiated', benchmarkCents: 2_800_000 }])
    expect(terms.bundleRates[0]!.includes).toEqual(['facility'])
    expect(terms.accessGuaranteeDays).toBe(14)
    expect(terms.attribution.periodEnd).toBe('2027-02-28')
  })
})
