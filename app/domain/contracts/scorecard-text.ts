import { formatCents } from '~/domain/money'
import type { NationalComparison } from '~/domain/quality'
import type { ComparisonCounts, FacilityScore, ProcedureScore, ReconciledResults } from './scorecard'

/*
 * The scorecard's figures in words, the same on the page and in the PDF (issue 21): one place
 * for how a price difference, a quality count or a range is written.
 */

const dollars = (cents: number) => formatCents(cents, { wholeDollars: true })
const count = (value: number) => value.toLocaleString('en-US')
const percent = (rate: number) => `${(Math.abs(rate) * 100).toFixed(1)}%`
const days = (value: number) => `${value} ${value === 1 ? 'day' : 'days'}`
const range = (low: string, high: string) => (low === high ? low : `${low}–${high}`)

/** "$28,000 median ($26,000–$30,000 across 3 facilities)" or "$28,000 (1 facility)". */
export function bundleText(procedure: ProcedureScore): string {
  if (procedure.facilityCount === 1) return `${dollars(procedure.medianBundleCents)} (1 facility)`
  return `${dollars(procedure.medianBundleCents)} median (${range(dollars(procedure.lowestBundleCents), dollars(procedure.highestBundleCents))} across ${procedure.facilityCount} facilities)`
}

/** "$17,678 below (38.7%)", "$1,200 above (2.5%)", "the same", or why there is no comparison. */
export function differenceText(procedure: ProcedureScore): string {
  if (procedure.differenceCents === null || procedure.differenceRate === null) return 'no typical price known'
  if (procedure.differenceCents === 0) return 'the same as the typical price'
  const side = procedure.differenceCents > 0 ? 'below' : 'above'
  return `${dollars(Math.abs(procedure.differenceCents))} ${side} (${percent(procedure.differenceRate)})`
}

export const COMPARISON_WORDS: Readonly<Record<NationalComparison, string>> = {
  better: 'better than the nation',
  no_different: 'no different from the nation',
  worse: 'worse than the nation',
  not_available: 'not published',
}

/** "2 better, 1 no different" (facilities by CMS's verdict), or why there is none. */
export function comparisonCountsText(counts: ComparisonCounts | null): string {
  if (counts === null) return "CMS's hip/knee measures do not describe this procedure"
  const parts = (['better', 'no_different', 'worse', 'not_available'] as const)
    .filter((verdict) => counts[verdict] > 0)
    .map((verdict) => `${counts[verdict]} ${verdict === 'no_different' ? 'no different' : verdict === 'not_available' ? 'not published' : verdict}`)
  return parts.join(', ')
}

/** "4.3 of 5 (3 rated)", "not rated by CMS". */
export function starsText(procedure: ProcedureScore): string {
  return procedure.averageStars === null ? 'not rated by CMS' : `${procedure.averageStars.toFixed(1)} of 5 (${procedure.ratedFacilities} rated)`
}

/** "2 top, 1 good" over the portal's quality tiers. */
export function tiersText(procedure: ProcedureScore): string {
  const words = { top: 'top', good: 'good', average: 'average', not_enough_data: 'not enough data' } as const
  return (Object.keys(words) as Array<keyof typeof words>)
    .filter((tier) => procedure.tiers[tier] > 0)
    .map((tier) => `${procedure.tiers[tier]} ${words[tier]}`)
    .join(', ')
}

export function volumeText(procedure: ProcedureScore): string {
  if (procedure.facilitiesStatingVolume === 0) return 'not stated'
  const missing = procedure.facilityCount - procedure.facilitiesStatingVolume
  return `${count(procedure.annualVolume)} a year${missing > 0 ? ` (${missing} ${missing === 1 ? 'facility does' : 'facilities do'} not say)` : ''}`
}

export function accessText(procedure: ProcedureScore): string {
  if (procedure.fastestAccessDays === null || procedure.slowestAccessDays === null) return 'not stated'
  return `within ${range(String(procedure.fastestAccessDays), String(procedure.slowestAccessDays))} ${procedure.slowestAccessDays === 1 ? 'day' : 'days'}`
}

export function warrantyText(procedure: ProcedureScore): string {
  if (procedure.longestWarrantyDays === 0) return 'none'
  return `${range(String(procedure.shortestWarrantyDays), String(procedure.longestWarrantyDays))} days`
}

/** "TKA $28,000 (top) · THA $30,000 (good)": a facility's prices, compactly. */
export function facilityOffersText(facility: FacilityScore): string {
  const tier = { top: 'top', good: 'good', average: 'average', not_enough_data: 'not enough data' } as const
  return facility.offers.map((offer) => `${offer.procedureCode} ${dollars(offer.priceCents)} (${tier[offer.tier]})`).join(' · ')
}

/** The reconciled results as label and value lines. */
export function reconciledLines(results: ReconciledResults): Array<[string, string]> {
  const settlement =
    results.settlementCents >= 0
      ? `${formatCents(results.settlementCents)} paid by purchasers to the health system`
      : `${formatCents(-results.settlementCents)} paid back by the health system to purchasers`
  return [
    ['Reconciled periods', count(results.statements)],
    ['Episodes', count(results.episodes)],
    ['Total benchmark', formatCents(results.totalBenchmarkCents)],
    [
      'Gross savings',
      `${results.grossSavingsCents < 0 ? `−${formatCents(-results.grossSavingsCents)}` : formatCents(results.grossSavingsCents)}${results.grossSavingsRate === null ? '' : ` (${results.grossSavingsCents < 0 ? '−' : ''}${percent(results.grossSavingsRate)} of the benchmark)`}`,
    ],
    ['Settlements', settlement],
    ['Quality goals met', results.goalsMet === null || results.goalsTotal === null ? 'not listed' : `${count(results.goalsMet)} of ${count(results.goalsTotal)}`],
  ]
}

/** "90 days, covering complications and readmissions". */
export function contractWarrantyText(windowDays: number, covers: readonly string[]): string {
  if (windowDays === 0 || covers.length === 0) return 'no warranty'
  return `${days(windowDays)}, covering ${covers.join(' and ')}`
}
