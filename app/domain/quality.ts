/** CMS's verdict for a measure against the national rate. */
export type NationalComparison = 'better' | 'no_different' | 'worse' | 'not_available'

/** The facts a quality score is built from; null or 'not_available' means unknown. */
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

/**
 * How the quality score is built (DESIGN §4). Shown to people only beside the facts themselves.
 * Each known fact becomes a 0–1 component and counts with its weight; unknown facts are left
 * out and the remaining weights renormalised, so a facility is not punished for a measure CMS
 * did not publish (too few cases). The score is 0–100, null when nothing is known.
 *
 * | fact                      | weight | component                                                   |
 * | star rating               | 30     | (stars − 1) / 4                                              |
 * | hip/knee complications    | 25     | better 1, no different 0.6, worse 0                           |
 * | hip/knee readmissions     | 20     | better 1, no different 0.6, worse 0                           |
 * | excess readmission ratio  | 10     | (1.2 − ratio) / 0.4, clamped to 0–1 (0.8 → 1, 1.0 → 0.5)      |
 * | annual volume             | 15     | volume / 400, at most 1 (volume is linked to outcomes)        |
 */
export const QUALITY_WEIGHTS = { starRating: 30, complication: 25, readmission: 20, excessReadmissionRatio: 10, annualVolume: 15 } as const

const COMPARISON_CREDIT: Record<NationalComparison, number | null> = { better: 1, no_different: 0.6, worse: 0, not_available: null }

/** 0–100 (integer), or null when no fact is known. See the table above. */
export function qualityScore(facts: QualityFacts): number | null {
  const components: Array<[number, number]> = []
  if (facts.starRating !== null) components.push([QUALITY_WEIGHTS.starRating, (clamp(facts.starRating, 1, 5) - 1) / 4])
  const complication = COMPARISON_CREDIT[facts.complication]
  if (complication !== null) components.push([QUALITY_WEIGHTS.complication, complication])
  const readmission = COMPARISON_CREDIT[facts.readmission]
  if (readmission !== null) components.push([QUALITY_WEIGHTS.readmission, readmission])
  if (facts.excessReadmissionRatio !== null) {
    components.push([QUALITY_WEIGHTS.excessReadmissionRatio, clamp((1.2 - facts.excessReadmissionRatio) / 0.4, 0, 1)])
  }
  if (facts.annualVolume !== null) components.push([QUALITY_WEIGHTS.annualVolume, clamp(facts.annualVolume / 400, 0, 1)])
  if (components.length === 0) return null
  const weight = components.reduce((sum, [w]) => sum + w, 0)
  const earned = components.reduce((sum, [w, c]) => sum + w * c, 0)
  return Math.round((100 * earned) / weight)
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value))
}
