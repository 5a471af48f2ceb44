import { describe, expect, it } from 'vitest'
import { qualityScore, type QualityFacts } from '~/domain/quality'

const UNKNOWN: QualityFacts = { starRating: null, complication: 'not_available', readmission: 'not_available', excessReadmissionRatio: null, annualVolume: null }

describe('qualityScore', () => {
  it.each<[string, Partial<QualityFacts>, number | null]>([
    ['nothing known', {}, null],
    ['only 5 stars', { starRating: 5 }, 100],
    ['only 1 star', { starRating: 1 }, 0],
    ['only 3 stars', { starRating: 3 }, 50],
    // 30×1 + 25×1 + 20×1 + 10×1 + 15×1 = 100
    ['best on every fact', { starRating: 5, complication: 'better', readmission: 'better', excessReadmissionRatio: 0.8, annualVolume: 500 }, 100],
    // 30×0 + 25×0 + 20×0 + 10×0 + 15×0 = 0
    ['worst on every fact', { starRating: 1, complication: 'worse', readmission: 'worse', excessReadmissionRatio: 1.3, annualVolume: 0 }, 0],
    // 30×0.75 + 25×0.6 + 20×0.6 + 10×0.5 + 15×0.5 = 22.5+15+12+5+7.5 = 62
    ['a typical 4-star hospital', { starRating: 4, complication: 'no_different', readmission: 'no_different', excessReadmissionRatio: 1.0, annualVolume: 200 }, 62],
    // (25×0.6 + 20×1) / 45 = 35/45 = 77.8 → 78: unknown stars, ratio, volume are left out
    ['only CMS comparisons known', { complication: 'no_different', readmission: 'better' }, 78],
    // (30×0.5 + 25×0) / 55 = 15/55 = 27.3 → 27
    ['3 stars but worse complications', { starRating: 3, complication: 'worse' }, 27],
    // ratio 0.9 → (1.2−0.9)/0.4 = 0.75; (10×0.75)/10 = 75
    ['an excess readmission ratio of 0.9 alone', { excessReadmissionRatio: 0.9 }, 75],
    // volume 100 → 0.25 → 25
    ['a volume of 100 a year alone', { annualVolume: 100 }, 25],
    // volume above 400 earns no more than 400
    ['a volume of 1,000 a year alone', { annualVolume: 1000 }, 100],
    // stars outside 1–5 are clamped (defensive; the importer never stores them)
    ['a 7-star input is treated as 5', { starRating: 7 }, 100],
  ])('%s → %j', (_name, facts, score) => {
    expect(qualityScore({ ...UNKNOWN, ...facts })).toBe(score)
  })

  it('ranks better facts higher, all else equal', () => {
    const base: QualityFacts = { starRating: 3, complication: 'no_different', readmission: 'no_different', excessReadmissionRatio: 1.0, annualVolume: 150 }
    const better = qualityScore({ ...base, complication: 'better' })!
    const worse = qualityScore({ ...base, complication: 'worse' })!
    expect(better).toBeGreaterThan(qualityScore(base)!)
    expect(worse).toBeLessThan(qualityScore(base)!)
  })
})
