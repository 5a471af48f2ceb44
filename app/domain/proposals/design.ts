import { formatCents } from '~/domain/money'
import type { ProposalScenario, ScenarioDesign } from './proposal'

/**
 * The design rows of a scenario comparison (issue 20 item 11): each rule as a value per scenario,
 * with the rows where the scenarios differ marked. The comparison page, the proposal page and its
 * PDF all read these rows, so they say the same thing.
 */
export interface DesignRow {
  label: string
  /** One display value per scenario, in the scenarios' order. */
  values: string[]
  /** Per scenario, the names listed under the value (centers), or null for a plain value. */
  items: string[][] | null
  /** True when at least two scenarios show a different value (or list). */
  differs: boolean
}

export interface DesignGroup {
  title: string
  rows: DesignRow[]
}

const dollars = (cents: number) => formatCents(cents, { wholeDollars: true })
const percent = (rate: number) => `${Math.round(rate * 100)}%`
const miles = (n: number) => `${n.toLocaleString('en-US')} miles`

function outsideRule(b: ScenarioDesign['benefit']) {
  if (b.outsideRule === 'plan_terms') return 'Normal plan terms'
  if (b.outsideRule === 'not_covered') return 'Not covered: the member pays the whole price'
  return 'Higher coinsurance'
}

function outsideCoinsurance(b: ScenarioDesign['benefit']) {
  if (b.outsideRule === 'plan_terms') return "The plan's own"
  if (b.outsideRule === 'not_covered') return 'None: not covered'
  return percent(b.outsideCoinsuranceRate ?? 0)
}

function lodgingNights(d: ScenarioDesign, names: ReadonlyMap<string, string>) {
  if (d.travel.lodgingNights !== null) return `${d.travel.lodgingNights} ${d.travel.lodgingNights === 1 ? 'night' : 'nights'}`
  const each = d.nightsAway.map((n) => `${names.get(n.code) ?? n.code} ${n.nights}`)
  return `The procedure's nights away${each.length ? ` (${each.join('; ')})` : ''}`
}

type Field = [label: string, value: (d: ScenarioDesign, s: ProposalScenario) => string]

function rows(scenarios: readonly ProposalScenario[], fields: readonly Field[]): DesignRow[] {
  return fields.map(([label, value]) => {
    const values = scenarios.map((s) => (s.design ? value(s.design, s) : '—'))
    return { label, values, items: null, differs: new Set(values).size > 1 }
  })
}

const sameSet = (lists: readonly string[][]) => new Set(lists.map((l) => [...l].sort().join('\u0000'))).size <= 1

/** The benefit, travel and network rows; none when a scenario was frozen without its design (old proposals). */
export function designGroups(scenarios: readonly ProposalScenario[]): DesignGroup[] {
  if (scenarios.length === 0 || scenarios.some((s) => s.design === null)) return []
  const names = new Map(scenarios.flatMap((s) => s.procedures.map((p) => [p.code, p.name] as const)))
  const benefit: Field[] = [
    ['Deductible at a center', (d) => (d.benefit.deductibleWaived ? 'Waived' : 'Applies')],
    ['Coinsurance at a center', (d) => (d.benefit.coinsuranceWaived ? 'Waived' : 'Applies')],
    ['Copay per case at a center', (d) => (d.benefit.coeCopayCents > 0 ? dollars(d.benefit.coeCopayCents) : 'None')],
    ['Completion incentive (paid to the member)', (d) => (d.benefit.completionIncentiveCents > 0 ? dollars(d.benefit.completionIncentiveCents) : 'None')],
    ['Same procedure outside the program', (d) => outsideRule(d.benefit)],
    ['Coinsurance outside the program', (d) => outsideCoinsurance(d.benefit)],
  ]
  const travel: Field[] = [
    ['Travel covered from', (d) => miles(d.travel.minDistanceMiles)],
    ["Companion's travel", (d) => (d.travel.companionCovered ? 'Covered' : 'Not covered')],
    ['Fly instead of drive from', (d) => miles(d.travel.flyThresholdMiles)],
    ['Mileage rate', (d) => `${formatCents(d.travel.mileageRateCents)} a mile`],
    ['Airfare allowance', (d) => `${dollars(d.travel.airfareAllowanceCents)} a person`],
    ['Lodging nights', (d) => lodgingNights(d, names)],
    ['Lodging cap', (d) => `${dollars(d.travel.lodgingNightlyCapCents)} a night`],
    ['Meals per diem', (d) => `${dollars(d.travel.mealsPerDiemCents)} a day a person`],
    ['Travel cap', (d) => `${dollars(d.travel.travelCapCents)} a case`],
  ]
  const procedureLists = scenarios.map((s) => s.procedures.map((p) => p.name))
  const centerLists = scenarios.map((s) => s.centers.map((c) => `${c.name}, ${c.city}, ${c.state}`))
  const network: DesignRow[] = [
    { label: 'Procedures covered', values: procedureLists.map((l) => (l.length ? l.join(', ') : 'None')), items: null, differs: !sameSet(procedureLists) },
    {
      label: 'Centers',
      values: scenarios.map((s) => `${s.centerCount} ${s.centerCount === 1 ? 'center' : 'centers'}`),
      items: centerLists,
      differs: !sameSet(centerLists),
    },
    ...rows(scenarios, [['Adoption assumed', (d) => `${percent(d.adoptionRate)} of expected cases`]]),
  ]
  return [
    { title: 'Benefit rules', rows: rows(scenarios, benefit) },
    { title: 'Travel rules', rows: rows(scenarios, travel) },
    { title: 'Network and assumption', rows: network },
  ]
}

export interface Difference {
  label: string
  here: string
  there: string
  /** For lists (centers): how many are only here, and how many of the other's are left out. */
  onlyHere: number
  onlyThere: number
}

/** The design rows where scenario `scenarioIndex` differs from `otherIndex` (the executive summary's key differences). */
export function differencesBetween(groups: readonly DesignGroup[], scenarioIndex: number, otherIndex: number): Difference[] {
  const found: Difference[] = []
  for (const group of groups) {
    for (const row of group.rows) {
      const here = row.values[scenarioIndex]
      const there = row.values[otherIndex]
      if (here === undefined || there === undefined) continue
      if (row.items) {
        const a = new Set(row.items[scenarioIndex])
        const b = new Set(row.items[otherIndex])
        const onlyHere = [...a].filter((x) => !b.has(x)).length
        const onlyThere = [...b].filter((x) => !a.has(x)).length
        if (onlyHere || onlyThere) found.push({ label: row.label, here, there, onlyHere, onlyThere })
      } else if (here !== there) found.push({ label: row.label, here, there, onlyHere: 0, onlyThere: 0 })
    }
  }
  return found
}
