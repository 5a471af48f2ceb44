import { describe, expect, it } from 'vitest'
import { assembleScorecard, sumStatements, type ScorecardFacility, type ScorecardOffer } from '~/domain/contracts/scorecard'
import { bundleText, comparisonCountsText, differenceText, facilityOffersText, reconciledLines, tiersText, volumeText } from '~/domain/contracts/scorecard-text'

/*
 * The value scorecard (issue 21) on a health system of three facilities: a worked example of each
 * figure, from bundle prices against the typical price to the reconciled results summed over
 * contracts.
 */

const facility = (overrides: Partial<ScorecardFacility> & Pick<ScorecardFacility, 'facilityId' | 'name'>): ScorecardFacility => ({
  city: 'Columbus', state: 'OH', starRating: null, complication: 'not_available', readmission: 'not_available', excessReadmissionRatio: null, ...overrides,
})
const offer = (overrides: Partial<ScorecardOffer> & Pick<ScorecardOffer, 'facilityId' | 'priceCents'>): ScorecardOffer => ({
  procedureCode: 'TKA', procedureName: 'Total knee replacement', annualVolume: null, appointmentWithinDays: null, warrantyDays: 90, isDemo: false, ...overrides,
})

// Alder: 5 stars, fewer complications than the nation → top. Birch: complications worse → average. Cedar: no CMS facts → not enough data.
const FACILITIES = [
  facility({ facilityId: 'f-alder', name: 'Alder Hospital', starRating: 5, complication: 'better', readmission: 'no_different', excessReadmissionRatio: 0.95 }),
  facility({ facilityId: 'f-birch', name: 'Birch Hospital', starRating: 3, complication: 'worse', readmission: 'no_different' }),
  facility({ facilityId: 'f-cedar', name: 'Cedar Clinic', city: 'Dayton' }),
]
const OFFERS = [
  offer({ facilityId: 'f-alder', priceCents: 2_600_000, annualVolume: 300, appointmentWithinDays: 7, warrantyDays: 90 }),
  // A second current knee offer at Alder: the facility counts once, at its lower price.
  offer({ facilityId: 'f-alder', priceCents: 2_700_000, annualVolume: 300, appointmentWithinDays: 7, warrantyDays: 90 }),
  offer({ facilityId: 'f-birch', priceCents: 3_000_000, annualVolume: null, appointmentWithinDays: 14, warrantyDays: 60 }),
  offer({ facilityId: 'f-cedar', priceCents: 2_800_000, annualVolume: 40, appointmentWithinDays: null, warrantyDays: 90, isDemo: true }),
  offer({ facilityId: 'f-alder', procedureCode: 'SPF', procedureName: 'Lumbar spinal fusion', priceCents: 5_000_000, annualVolume: 100, appointmentWithinDays: 10, warrantyDays: 0 }),
]

const scorecard = (overrides: Partial<Parameters<typeof assembleScorecard>[0]> = {}) =>
  assembleScorecard({ facilities: FACILITIES, offers: OFFERS, typicalPriceCents: { TKA: 4_567_800 }, statements: null, facilityLimit: 100, ...overrides })

describe('a procedure against the typical price', () => {
  it('compares the median bundle with the typical price: $45,678 − $28,000 = $17,678 below, 38.7% of $45,678', () => {
    const knee = scorecard().procedures.find((p) => p.code === 'TKA')!
    expect(knee).toMatchObject({
      facilityCount: 3,
      lowestBundleCents: 2_600_000,
      medianBundleCents: 2_800_000, // $26,000, $28,000, $30,000
      highestBundleCents: 3_000_000,
      typicalPriceCents: 4_567_800,
      differenceCents: 1_767_800,
      hasDemoOffers: true,
    })
    expect(knee.differenceRate).toBeCloseTo(1_767_800 / 4_567_800, 10)
    expect(bundleText(knee)).toBe('$28,000 median ($26,000–$30,000 across 3 facilities)')
    expect(differenceText(knee)).toBe('$17,678 below (38.7%)')
  })

  it('says "above" when the median bundle costs more than the typical price, and the median of two is their mean', () => {
    const knee = scorecard({ offers: OFFERS.slice(0, 3), typicalPriceCents: { TKA: 2_500_000 } }).procedures[0]!
    expect(knee.medianBundleCents).toBe(2_800_000) // ($26,000 + $30,000) / 2
    expect(knee.differenceCents).toBe(-300_000)
    expect(differenceText(knee)).toBe('$3,000 above (12.0%)')
  })

  it('has no difference without a typical price, and counts only compared procedures', () => {
    const card = scorecard()
    const spine = card.procedures.find((p) => p.code === 'SPF')!
    expect(spine).toMatchObject({ typicalPriceCents: null, differenceCents: null, differenceRate: null })
    expect(differenceText(spine)).toBe('no typical price known')
    expect(bundleText(spine)).toBe('$50,000 (1 facility)')
    expect({ compared: card.proceduresCompared, below: card.proceduresBelowTypical }).toEqual({ compared: 1, below: 1 })
  })

  it('lists procedures by name', () => {
    expect(scorecard().procedures.map((p) => p.name)).toEqual(['Lumbar spinal fusion', 'Total knee replacement'])
  })
})

describe('quality against the nation, volume, access and warranty', () => {
  it("counts the knee's facilities by CMS's verdict and by tier; stars are the mean of the rated ones", () => {
    const knee = scorecard().procedures.find((p) => p.code === 'TKA')!
    expect(knee.hipKneeMeasured).toBe(true)
    expect(knee.complication).toEqual({ better: 1, no_different: 0, worse: 1, not_available: 1 })
    expect(knee.readmission).toEqual({ better: 0, no_different: 2, worse: 0, not_available: 1 })
    expect(comparisonCountsText(knee.complication)).toBe('1 better, 1 worse, 1 not published')
    expect(knee.tiers).toEqual({ top: 1, good: 0, average: 1, not_enough_data: 1 })
    expect(tiersText(knee)).toBe('1 top, 1 average, 1 not enough data')
    expect({ stars: knee.averageStars, rated: knee.ratedFacilities }).toEqual({ stars: 4, rated: 2 }) // (5 + 3) / 2
  })

  it("leaves the hip/knee measures out of a spine procedure: Alder's 5 stars alone are not enough data", () => {
    const spine = scorecard().procedures.find((p) => p.code === 'SPF')!
    expect(spine.hipKneeMeasured).toBe(false)
    expect(spine.complication).toBeNull()
    expect(spine.tiers.not_enough_data).toBe(1)
    expect(comparisonCountsText(spine.complication)).toBe("CMS's hip/knee measures do not describe this procedure")
  })

  it('adds the stated volumes, and gives the fastest and slowest appointment and the warranty range', () => {
    const knee = scorecard().procedures.find((p) => p.code === 'TKA')!
    expect(knee).toMatchObject({ annualVolume: 340, facilitiesStatingVolume: 2, fastestAccessDays: 7, slowestAccessDays: 14, shortestWarrantyDays: 60, longestWarrantyDays: 90 })
    expect(volumeText(knee)).toBe('340 a year (1 facility does not say)')
  })
})

describe('facilities', () => {
  it("lists each facility once by name, with its prices and each offer's tier", () => {
    const card = scorecard()
    expect(card.facilities.map((f) => f.name)).toEqual(['Alder Hospital', 'Birch Hospital', 'Cedar Clinic'])
    expect(facilityOffersText(card.facilities[0]!)).toBe('SPF $50,000 (not enough data) · TKA $26,000 (top)')
  })

  it('keeps the list bounded and says how many there are', () => {
    const card = scorecard({ facilityLimit: 2 })
    expect(card.facilities).toHaveLength(2)
    expect(card.facilityCount).toBe(3)
    expect(card.procedures.find((p) => p.code === 'TKA')!.facilityCount).toBe(3) // the procedure rows still count every facility
  })
})

describe('reconciled results', () => {
  it('are hidden unless the health system shows them, and "none" before a period is reconciled', () => {
    expect(scorecard().reconciled).toBe('hidden')
    expect(scorecard({ statements: [] }).reconciled).toBe('none')
  })

  it('are summed over every contract, naming none: 14 episodes, $50,000 − $10,000 = $40,000 gross savings on a $630,000 benchmark (6.3%)', () => {
    const results = sumStatements([
      { episodeCount: 10, totalBenchmarkCents: 45_000_000, grossSavingsCents: 5_000_000, settlementCents: 1_250_000, goals: { met: 1, total: 2 } },
      { episodeCount: 4, totalBenchmarkCents: 18_000_000, grossSavingsCents: -1_000_000, settlementCents: -200_000, goals: null },
    ])
    expect(results).toMatchObject({ statements: 2, episodes: 14, totalBenchmarkCents: 63_000_000, grossSavingsCents: 4_000_000, settlementCents: 1_050_000, goalsMet: 1, goalsTotal: 2 })
    expect(results.grossSavingsRate).toBeCloseTo(4_000_000 / 63_000_000, 12)
    expect(reconciledLines(results)).toEqual([
      ['Reconciled periods', '2'],
      ['Episodes', '14'],
      ['Total benchmark', '$630,000.00'],
      ['Gross savings', '$40,000.00 (6.3% of the benchmark)'],
      ['Settlements', '$10,500.00 paid by purchasers to the health system'],
      ['Quality goals met', '1 of 2'],
    ])
  })

  it('say so when the health system paid back more than it was paid, and when no statement lists its goals', () => {
    const results = sumStatements([{ episodeCount: 3, totalBenchmarkCents: 10_000_000, grossSavingsCents: -2_000_000, settlementCents: -300_000, goals: null }])
    expect(reconciledLines(results).slice(3)).toEqual([
      ['Gross savings', '−$20,000.00 (−20.0% of the benchmark)'],
      ['Settlements', '$3,000.00 paid back by the health system to purchasers'],
      ['Quality goals met', 'not listed'],
    ])
  })
})
