/**
 * The "Sources" lines of a comparison, proposal and its PDF (issue 19): said from the data the
 * figures were made of, never a fixed claim. CMS facts name their file and the period they cover;
 * offers made by the demo seed are called demo offers.
 */

export interface SourceFact {
  measureCode: string
  /** The importer's name of the CMS file, e.g. "CMS Complications and Deaths – Hospital". */
  source: string
  periodStart: string | null
  periodEnd: string | null
}

export interface SourceInputs {
  /** The quality facts of the network's hospitals (any measure; the ones the figures use are named). */
  facts: readonly SourceFact[]
  /** How many of the network's offers are the demo seed's, and how many in all. */
  demoOffers: number
  offers: number
  /** When the catalog last took a CMS release (star ratings come from its hospital file), if ever. */
  cmsImportedOn: string | null
  /** The Medicare episode prices' own sources, one per procedure (the catalog's medicareBaseSource). */
  medicareBaseSources: readonly string[]
  /** The commercial multiplier's source (a platform setting). */
  multiplierSource: string | null
}

const QUALITY_MEASURES: ReadonlyArray<[code: string, words: string]> = [
  ['COMP_HIP_KNEE', 'hip/knee complication rate against the nation'],
  ['READM_30_HIP_KNEE', 'hip/knee readmission rate against the nation'],
]

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** 2024-03-31 → "Mar 31, 2024" (written without Intl so the PDF is the same on every machine). */
export function sourceDate(isoDate: string): string {
  const [year, month, day] = isoDate.slice(0, 10).split('-').map(Number)
  return `${MONTHS[month! - 1]} ${day}, ${year}`
}

/** "Apr 1, 2021 – Mar 31, 2024", or "period not stated". */
function periodText(periods: ReadonlySet<string>): string {
  if (periods.size === 0) return 'period not stated'
  return [...periods].sort().join('; ')
}

function factPeriods(facts: readonly SourceFact[], code: string) {
  const bySource = new Map<string, Set<string>>()
  for (const fact of facts) {
    if (fact.measureCode !== code) continue
    const periods = bySource.get(fact.source) ?? new Set<string>()
    if (fact.periodStart && fact.periodEnd) periods.add(`${sourceDate(fact.periodStart)} – ${sourceDate(fact.periodEnd)}`)
    bySource.set(fact.source, periods)
  }
  return bySource
}

export function describeSources(input: SourceInputs): string[] {
  const quality: string[] = []
  for (const [code, words] of QUALITY_MEASURES) {
    for (const [source, periods] of factPeriods(input.facts, code)) quality.push(`${words}: ${source}, ${periodText(periods)}`)
  }
  const stars = `overall star rating: CMS Hospital General Information${input.cmsImportedOn ? ` as imported on ${sourceDate(input.cmsImportedOn)}` : ''}`
  const lines = [`Quality: ${[...quality, stars].join('; ')}.`]

  const spending = [...factPeriods(input.facts, 'MSPB_1')].map(([source, periods]) => `${source}, ${periodText(periods)}`)
  const bases = [...new Set(input.medicareBaseSources)]
  lines.push(
    `Typical local prices: Medicare episode price (${bases.length ? bases.join('; ') : 'not set'}) × the hospital’s Medicare spending per beneficiary (${
      spending.length ? spending.join('; ') : 'none for these hospitals'
    }) × the commercial multiplier${input.multiplierSource ? ` (${input.multiplierSource})` : ''}.`,
  )

  if (input.offers === 0) lines.push('Centers and bundled prices: no offer in the network.')
  else if (input.demoOffers === input.offers) {
    lines.push(`Centers and bundled prices: demo offers made up by the portal’s demo seed at real CMS-listed hospitals (${input.demoOffers}); not real health systems’ prices.`)
  } else if (input.demoOffers > 0) {
    lines.push(
      `Centers and bundled prices: health systems’ offers on the COE Marketplace, of which ${input.demoOffers} of ${input.offers} are demo offers made up by the portal’s demo seed, not real prices.`,
    )
  } else lines.push('Centers and bundled prices: health systems’ offers on the COE Marketplace.')
  lines.push('Member locations: ZIP centroids (zipcodes package), counted by ZIP; no member-level data is included.')
  return lines
}
