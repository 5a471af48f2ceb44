import { describe, expect, it } from 'vitest'
import { hasHipKneeMeasures } from '~/domain/cms/measured-procedures'
import { qualityScore, qualityTier, rateQuality, type QualityFacts, type QualityTier } from '~/domain/quality'

const UNKNOWN: QualityFacts = { starRating: null, complication: 'not_available', readmission: 'not_available', excessReadmissionRatio: null, annualVolume: null }

describe('qualityTier (DESIGN §4: missing facts never help)', () => {
  it.each<[string, Partial<QualityFacts>, QualityTier]>([
    // Fewer than two of {stars, complications, readmissions} known: not enough data, whatever they say.
    ['nothing known', {}, 'not_enough_data'],
    ['only 5 stars', { starRating: 5 }, 'not_enough_data'],
    ['only complications better', { complication: 'better' }, 'not_enough_data'],
    ['5 stars, a great volume and ratio, no comparison', { starRating: 5, excessReadmissionRatio: 0.8, annualVolume: 900 }, 'not_enough_data'],
    // Two of three known: rated; the missing one counts as "no different".
    ['5 stars and complications better (readmissions missing)', { starRating: 5, complication: 'better' }, 'top'],
    ['5 stars and complications no different (readmissions missing)', { starRating: 5, complication: 'no_different' }, 'top'],
    // Missing stars count as 3: both comparisons no different → average, never top.
    ['no stars, both comparisons no different (issue 20: the Denver center)', { complication: 'no_different', readmission: 'no_different' }, 'average'],
    ['no stars, both comparisons better: good, not top', { complication: 'better', readmission: 'better' }, 'good'],
    ['no stars, one comparison better', { complication: 'better', readmission: 'no_different' }, 'good'],
    // Top.
    ['5 stars, complications better, readmissions no different (the issue\'s example)', { starRating: 5, complication: 'better', readmission: 'no_different' }, 'top'],
    ['5 stars, both no different', { starRating: 5, complication: 'no_different', readmission: 'no_different' }, 'top'],
    ['4 stars and readmissions better', { starRating: 4, complication: 'no_different', readmission: 'better' }, 'top'],
    ['5 stars, ratio exactly 1.0 and volume exactly 50', { starRating: 5, complication: 'no_different', readmission: 'no_different', excessReadmissionRatio: 1.0, annualVolume: 50 }, 'top'],
    // Good.
    ['4 stars, both no different', { starRating: 4, complication: 'no_different', readmission: 'no_different' }, 'good'],
    ['3 stars and complications better', { starRating: 3, complication: 'better', readmission: 'no_different' }, 'good'],
    ['5 stars held back by excess readmissions (ratio 1.05)', { starRating: 5, complication: 'better', readmission: 'better', excessReadmissionRatio: 1.05 }, 'good'],
    ['5 stars held back by low volume (49 a year)', { starRating: 5, complication: 'better', readmission: 'better', annualVolume: 49 }, 'good'],
    // Average.
    ['3 stars, both no different', { starRating: 3, complication: 'no_different', readmission: 'no_different' }, 'average'],
    ['5 stars but complications worse', { starRating: 5, complication: 'worse', readmission: 'better' }, 'average'],
    ['4 stars but readmissions worse', { starRating: 4, complication: 'better', readmission: 'worse' }, 'average'],
    ['2 stars, both better', { starRating: 2, complication: 'better', readmission: 'better' }, 'average'],
    ['1 star and complications no different', { starRating: 1, complication: 'no_different' }, 'average'],
    ['no stars and complications worse', { complication: 'worse', readmission: 'better' }, 'average'],
  ])('%s → %s', (_name, facts, tier) => {
    expect(qualityTier({ ...UNKNOWN, ...facts })).toBe(tier)
  })
})

describe('qualityScore (orders results inside a tier; a missing fact gets the middle value)', () => {
  it.each<[string, Partial<QualityFacts>, number]>([
    // Nothing known: 30×0.5 + 25×0.6 + 20×0.6 + 10×0.5 + 15×0.5 = 15+15+12+5+7.5 = 54.5 → 55 (half up)
    ['nothing known: the middle of every fact', {}, 55],
    // 30×1 + 25×1 + 20×1 + 10×1 + 15×1 = 100
    ['best on every fact', { starRating: 5, complication: 'better', readmission: 'better', excessReadmissionRatio: 0.8, annualVolume: 500 }, 100],
    // 0 on every fact
    ['worst on every fact', { starRating: 1, complication: 'worse', readmission: 'worse', excessReadmissionRatio: 1.3, annualVolume: 0 }, 0],
    // 30×0.75 + 25×0.6 + 20×0.6 + 10×0.5 + 15×0.5 = 22.5+15+12+5+7.5 = 62
    ['a typical 4-star hospital', { starRating: 4, complication: 'no_different', readmission: 'no_different', excessReadmissionRatio: 1.0, annualVolume: 200 }, 62],
    // Issue 20: no stars (0.5), complications better, readmissions better, ratio 0.9 (0.75), 400 a year (1):
    // 15 + 25 + 20 + 7.5 + 15 = 82.5 → 83; it used to be 90 with the stars left out.
    ['no stars but every other fact good', { complication: 'better', readmission: 'better', excessReadmissionRatio: 0.9, annualVolume: 400 }, 83],
    // 5 stars (30) + 25×0.6 + 20×0.6 + ratio 1.0 (5) + volume missing (7.5) = 69.5 → 70
    ['5 stars, both no different, ratio 1.0, volume unknown', { starRating: 5, complication: 'no_different', readmission: 'no_different', excessReadmissionRatio: 1.0 }, 70],
    // stars outside 1–5 are clamped (defensive; the importer never stores them): 7 → 5 → 30 + 15 + 12 + 5 + 7.5 = 69.5 → 70
    ['a 7-star input counts as 5', { starRating: 7 }, 70],
  ])('%s → %i', (_name, facts, score) => {
    expect(qualityScore({ ...UNKNOWN, ...facts })).toBe(score)
  })

  it('never lets an unknown fact beat a known bad one... nor a known good one', () => {
    const base: QualityFacts = { starRating: 3, complication: 'no_different', readmission: 'no_different', excessReadmissionRatio: 1.0, annualVolume: 150 }
    expect(qualityScore({ ...base, complication: 'better' })).toBeGreaterThan(qualityScore({ ...base, complication: 'not_available' }))
    expect(qualityScore({ ...base, starRating: 5 })).toBeGreaterThan(qualityScore({ ...base, starRating: null }))
    expect(qualityScore({ ...base, complication: 'not_available' })).toBe(qualityScore(base))
  })
})

describe('rateQuality: the hip/knee measures count only for hip and knee replacement', () => {
  const facts: QualityFacts = { starRating: 5, complication: 'better', readmission: 'no_different', excessReadmissionRatio: 0.9, annualVolume: 300 }

  it('rates a knee replacement on all the facts', () => {
    expect(rateQuality(facts, hasHipKneeMeasures('TKA'))).toMatchObject({ tier: 'top', complication: 'better', hipKneeMeasured: true })
  })

  it('rates a spinal fusion on the star rating alone: not enough data', () => {
    // COMP-HIP-KNEE and READM-30-HIP-KNEE say nothing about a spinal fusion.
    expect(rateQuality(facts, hasHipKneeMeasures('SPINE_FUSION'))).toMatchObject({
      tier: 'not_enough_data', starRating: 5, complication: 'not_available', readmission: 'not_available', excessReadmissionRatio: null, hipKneeMeasured: false,
    })
  })
})
