/** CMS's verdict for a measure against the national rate. */
export type NationalComparison = 'better' | 'no_different' | 'worse' | 'not_available'

/** The facts a quality tier and score are built from; null or 'not_available' means unknown. */
export interface QualityFacts {
  /** CMS overall star rating, 1–5. */
  starRating: number | null
  /** COMP_HIP_KNEE against the nation. */
  complication: NationalComparison
  /** READM_30_HIP_KNEE against the nation. */
  readmission: NationalComparison
  /** HRRP excess readmission ratio for hip/knee (1.0 = as expected). */
  excessReadmissionRatio: number | null
  /** Procedures a year at this facility (from its offer). */
  annualVolume: number | null
}

/** The quality tiers, best first (DESIGN §4). */
export const QUALITY_TIERS = ['top', 'good', 'average', 'not_enough_data'] as const
export type QualityTier = (typeof QUALITY_TIERS)[number]

/**
 * Fewer operations a year than this keep a center out of "top": the Leapfrog Hospital Survey's
 * minimum hospital volume standard for total hip and for total knee replacement is 50 a year.
 */
export const LOW_VOLUME_PER_YEAR = 50

/** The facts with the hip/knee measures blanked out, for a procedure they do not describe. */
export function withoutHipKneeMeasures(facts: QualityFacts): QualityFacts {
  return { ...facts, complication: 'not_available', readmission: 'not_available', excessReadmissionRatio: null }
}

/** How many of the three core facts (star rating, complication and readmission comparisons) are known. */
export function coreFactsKnown(facts: QualityFacts): number {
  return [facts.starRating !== null, facts.complication !== 'not_available', facts.readmission !== 'not_available'].filter(Boolean).length
}

/**
 * The quality tier of a center (DESIGN §4), shown to members with the facts behind it in words.
 * Missing facts never help: a fact CMS does not publish counts as "no different from the nation"
 * (a missing star rating as 3 stars, the middle), never as the best value.
 *
 * 1. **Not enough data**: fewer than two of {star rating, complication comparison, readmission
 *    comparison} are known. Ranks after every rated center.
 * 2. **Average**: a comparison is worse than the nation, or 1–2 stars, or 3 stars (or none) with
 *    nothing better than the nation.
 * 3. **Top**: 5 stars, or 4 stars and at least one comparison better than the nation; and, when
 *    known, no more readmissions than Medicare expects (excess readmission ratio ≤ 1) and at least
 *    50 of these operations a year.
 * 4. **Good**: every other rated center (4 stars, or 3 with something better, or a would-be top
 *    center held back by excess readmissions or low volume).
 *
 * Worked examples (tests/unit/domain/quality.test.ts): 5★, complications better, readmissions no
 * different → top. No stars, both comparisons no different → average (the missing stars count as
 * 3). 5★ and nothing else → not enough data. 4★, both no different → good.
 */
export function qualityTier(facts: QualityFacts): QualityTier {
  if (coreFactsKnown(facts) < 2) return 'not_enough_data'
  const stars = facts.starRating === null ? 3 : clamp(Math.round(facts.starRating), 1, 5)
  const comparisons = [facts.complication, facts.readmission].map((c) => (c === 'not_available' ? 'no_different' : c))
  const better = comparisons.filter((c) => c === 'better').length
  if (comparisons.includes('worse') || stars <= 2 || (stars === 3 && better === 0)) return 'average'
  const excessReadmissions = facts.excessReadmissionRatio !== null && facts.excessReadmissionRatio > 1
  const lowVolume = facts.annualVolume !== null && facts.annualVolume < LOW_VOLUME_PER_YEAR
  if ((stars === 5 || (stars === 4 && better > 0)) && !excessReadmissions && !lowVolume) return 'top'
  return 'good'
}

/**
 * A finer order inside a tier, used only by the "quality" sort after the tier (never shown alone).
 * Each fact becomes a 0–1 component with its weight; a fact that is not known gets the middle
 * value of "no different" (never the best), so the weights are never renormalised over the known
 * facts (issue 20: a center without stars scored 87 and beat a 5-star one's 86).
 *
 * | fact                      | weight | component                                       | when unknown      |
 * | star rating               | 30     | (stars − 1) / 4                                  | 3 stars: 0.5      |
 * | hip/knee complications    | 25     | better 1, no different 0.6, worse 0              | no different: 0.6 |
 * | hip/knee readmissions     | 20     | better 1, no different 0.6, worse 0              | no different: 0.6 |
 * | excess readmission ratio  | 10     | (1.2 − ratio) / 0.4, clamped to 0–1 (1.0 → 0.5)  | 1.0: 0.5          |
 * | annual volume             | 15     | volume / 400, at most 1                          | 200 a year: 0.5   |
 */
export const QUALITY_WEIGHTS = { starRating: 30, complication: 25, readmission: 20, excessReadmissionRatio: 10, annualVolume: 15 } as const

const COMPARISON_CREDIT: Record<NationalComparison, number> = { better: 1, no_different: 0.6, worse: 0, not_available: 0.6 }

/** 0–100 (integer); see the table above. */
export function qualityScore(facts: QualityFacts): number {
  const w = QUALITY_WEIGHTS
  const earned =
    w.starRating * (facts.starRating === null ? 0.5 : (clamp(facts.starRating, 1, 5) - 1) / 4) +
    w.complication * COMPARISON_CREDIT[facts.complication] +
    w.readmission * COMPARISON_CREDIT[facts.readmission] +
    w.excessReadmissionRatio * (facts.excessReadmissionRatio === null ? 0.5 : clamp((1.2 - facts.excessReadmissionRatio) / 0.4, 0, 1)) +
    w.annualVolume * (facts.annualVolume === null ? 0.5 : clamp(facts.annualVolume / 400, 0, 1))
  const total = w.starRating + w.complication + w.readmission + w.excessReadmissionRatio + w.annualVolume
  return Math.round((100 * earned) / total)
}

/** What a result or a center page shows: the facts, their tier and the score that orders a tier. */
export interface QualityRating extends QualityFacts {
  tier: QualityTier
  score: number
  /** False when the hip/knee measures do not describe the procedure (they were left out). */
  hipKneeMeasured: boolean
}

/**
 * The rating of a center for a procedure: the hip/knee measures count only when they describe it
 * (`hasHipKneeMeasures` in ./cms/measured-procedures: TKA and THA).
 */
export function rateQuality(facts: QualityFacts, hipKneeMeasured = true): QualityRating {
  const used = hipKneeMeasured ? facts : withoutHipKneeMeasures(facts)
  return { ...used, tier: qualityTier(used), score: qualityScore(used), hipKneeMeasured }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value))
}
