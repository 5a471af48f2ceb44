import { formatCents } from '~/domain/money'
import { designGroups, differencesBetween } from './design'
import { memberCostBrief } from './member-cost'
import { recommendedScenario, type ProposalScenario, type ProposalSnapshot } from './proposal'

/**
 * The proposal's one-page executive summary (issue 20 item 11), the same words on the page and in
 * the PDF: the client, the recommendation, the headline savings, access, what members pay and the
 * key differences from the other scenarios.
 */
export interface SummaryBlock {
  label: string
  lines: string[]
}

const dollars = (cents: number) => formatCents(cents, { wholeDollars: true })
const percent = (rate: number) => `${Math.round(rate * 100)}%`
/** "Waived" → "waived" inside a sentence ("$500" and names of procedures read the same). */
const lower = (text: string) => text.charAt(0).toLowerCase() + text.slice(1)
const count = (n: number) => n.toLocaleString('en-US')
const cases = (n: number) => n.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })
/** At most this many differences per other scenario, so the summary stays on one page. */
const MAX_DIFFERENCES = 4

function savingsLine(s: ProposalScenario) {
  const m = s.metrics
  const net = m.netSavingsCents >= 0 ? `${dollars(m.netSavingsCents)} a year projected net savings` : `${dollars(-m.netSavingsCents)} a year more than today`
  const rate = m.savingsRate === null ? '' : `, ${(m.savingsRate * 100).toFixed(1)}% of`
  const adoption = s.design ? ` (${percent(s.design.adoptionRate)} adoption assumed)` : ''
  return `${net}${rate}${m.savingsRate === null ? '' : ` ${dollars(m.spendWithoutProgramCents)} spent without the program`}: ${cases(m.programCases)} of ${cases(m.expectedCases)} expected cases a year go to a center${adoption}.`
}

function accessLines(s: ProposalScenario) {
  const names = new Map(s.procedures.map((p) => [p.code, p.name]))
  // Procedures with the same reach are said once.
  const byReach = new Map<string, string[]>()
  for (const a of s.metrics.access) {
    const reach = `${percent(a.within50)} of members within 50 miles of a center, ${percent(a.within100)} within 100, ${percent(a.within250)} within 250.`
    byReach.set(reach, [...(byReach.get(reach) ?? []), names.get(a.code) ?? a.code])
  }
  return [...byReach].map(([reach, procedures]) => `${procedures.join(', ')}: ${reach}`)
}

function memberPaysLines(s: ProposalScenario) {
  const lines = [memberCostBrief(s)]
  if (s.design) {
    const b = s.design.benefit
    const outside =
      b.outsideRule === 'plan_terms'
        ? 'normal plan terms'
        : b.outsideRule === 'not_covered'
          ? 'not covered (the member pays the whole price)'
          : `${percent(b.outsideCoinsuranceRate ?? 0)} coinsurance`
    const incentive = b.completionIncentiveCents > 0 ? ` Members who complete care at a center receive ${dollars(b.completionIncentiveCents)}.` : ''
    lines.push(`Outside the program: ${outside}.${incentive}`)
  }
  return lines
}

function differenceLines(snapshot: ProposalSnapshot, recommended: ProposalScenario) {
  // Benefit rules, then the network, then travel: the order a client weighs them in.
  const order = ['Benefit rules', 'Network and assumption', 'Travel rules']
  const groups = [...designGroups(snapshot.scenarios)].sort((a, b) => order.indexOf(a.title) - order.indexOf(b.title))
  const index = snapshot.scenarios.indexOf(recommended)
  return snapshot.scenarios.flatMap((other, otherIndex) => {
    if (other === recommended) return []
    const a = recommended.metrics
    const b = other.metrics
    const items: string[] = []
    if (Math.round(a.netSavingsCents / 100) !== Math.round(b.netSavingsCents / 100)) items.push(`net savings ${dollars(a.netSavingsCents)} vs ${dollars(b.netSavingsCents)} a year`)
    if (a.memberCostPerCaseCents !== null && b.memberCostPerCaseCents !== null && Math.round(a.memberCostPerCaseCents / 100) !== Math.round(b.memberCostPerCaseCents / 100)) {
      items.push(`members pay ${dollars(a.memberCostPerCaseCents)} vs ${dollars(b.memberCostPerCaseCents)} a case on average`)
    }
    const design = differencesBetween(groups, index, otherIndex).map((d) => {
      const lists = [d.onlyHere ? `${d.onlyHere} not in ${other.name}` : '', d.onlyThere ? `${d.onlyThere} of ${other.name}'s left out` : ''].filter(Boolean)
      return `${lower(d.label)}: ${lower(d.here)} vs ${lower(d.there)}${lists.length ? ` (${lists.join(', ')})` : ''}`
    })
    if (groups.length === 0 && recommended.centerCount !== other.centerCount) items.push(`centers: ${recommended.centerCount} vs ${other.centerCount}`)
    const all = [...items, ...design]
    const shown = all.slice(0, MAX_DIFFERENCES)
    const more = all.length - shown.length
    if (all.length === 0) return [`Against ${other.name}: the same design and figures.`]
    return [`Against ${other.name}: ${shown.join('; ')}${more > 0 ? `; and ${more} more in the comparison` : ''}.`]
  })
}

export function executiveSummary(snapshot: ProposalSnapshot): SummaryBlock[] {
  const recommended = recommendedScenario(snapshot)
  const client: SummaryBlock = {
    label: 'Client',
    lines: [`${snapshot.clientName}: ${count(snapshot.coveredMembers)} covered members, counted by home ZIP (no member records are used).`],
  }
  if (!recommended) return [client, { label: 'Recommendation', lines: ['No scenario in this proposal.'] }]
  const procedures = recommended.procedures.map((p) => p.name).join(', ') || 'no procedure yet'
  const others = snapshot.scenarios.filter((s) => s !== recommended).map((s) => s.name)
  const blocks: SummaryBlock[] = [
    client,
    {
      label: 'Recommendation',
      lines: [
        `${recommended.name}: ${procedures} at ${recommended.centerCount} ${recommended.centerCount === 1 ? 'center' : 'centers'}${others.length ? `, chosen over ${others.join(' and ')}` : ''}.`,
      ],
    },
    { label: 'Headline savings', lines: [savingsLine(recommended)] },
    { label: 'Access', lines: recommended.metrics.access.length ? accessLines(recommended) : ['No member is near a center for a covered procedure.'] },
    { label: 'What members pay', lines: memberPaysLines(recommended) },
  ]
  const differences = differenceLines(snapshot, recommended)
  if (differences.length) blocks.push({ label: 'Key differences', lines: differences })
  return blocks
}
