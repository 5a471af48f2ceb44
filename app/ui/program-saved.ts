import { formatCents } from '~/domain/money'
import { countOf, formatDate } from './format'
import type { ProgramRulesView } from './program-summary'

/** The sections of the program page that save, and the page-level changes. */
export type ProgramSaveNote = 'created' | 'adopted' | 'details' | 'procedures' | 'network' | 'benefit' | 'travel' | 'publish' | 'new-version'
const NOTES: readonly string[] = ['created', 'adopted', 'details', 'procedures', 'network', 'benefit', 'travel', 'publish', 'new-version']

export function isProgramSaveNote(note: string | null): note is ProgramSaveNote {
  return note !== null && NOTES.includes(note)
}

interface SavedState {
  program: { name: string }
  current: { version: number; effectiveFrom: string; effectiveTo: string | null }
  procedures: ReadonlyArray<{ id: string; name: string }>
  network: ReadonlyArray<{ procedureId: string; facilityId: string }>
  rules: ProgramRulesView | null
}

const OUTSIDE: Record<string, string> = { plan_terms: 'normal plan terms', higher_coinsurance: 'a higher coinsurance', not_covered: 'not covered' }

/**
 * What a save changed, in words, from the page's data after the redirect (issue 20): the status a
 * section shows in place, so the person sees and hears that it saved and what now holds.
 */
export function programSavedMessage(note: ProgramSaveNote, s: SavedState): string {
  const { current, rules } = s
  switch (note) {
    case 'created':
      return `Draft version 1 of ${s.program.name} created, from ${formatDate(current.effectiveFrom)}: choose its procedures, network and rules, then publish.`
    case 'adopted': {
      // A coalition's network adopted in one step (issue 23).
      const centers = new Set(s.network.map((row) => row.facilityId)).size
      return `Coalition network adopted: draft version 1 of ${s.program.name}, from ${formatDate(current.effectiveFrom)}, with ${countOf(s.network.length, 'offer', 'offers')} at ${countOf(centers, 'center', 'centers')} at the contract's bundle rates and your own benefit and travel rules. Review it, then publish.`
    }
    case 'details':
      return `Saved: ${s.program.name}, in force from ${formatDate(current.effectiveFrom)}${current.effectiveTo ? ` to ${formatDate(current.effectiveTo)}` : ', with no end date'}.`
    case 'procedures':
      return s.procedures.length === 0
        ? 'Saved: no procedure is covered yet.'
        : `Saved: ${countOf(s.procedures.length, 'procedure', 'procedures')} covered (${s.procedures.map((p) => p.name).join(', ')}).`
    case 'network': {
      const centers = new Set(s.network.map((row) => row.facilityId)).size
      const per = s.procedures.map((p) => `${s.network.filter((row) => row.procedureId === p.id).length} for ${p.name}`).join(', ')
      return `Saved: ${countOf(s.network.length, 'offer', 'offers')} at ${countOf(centers, 'center', 'centers')} in the network${per ? ` (${per})` : ''}.`
    }
    case 'benefit':
      if (!rules) return 'Saved.'
      return (
        `Saved: deductible ${rules.deductibleWaived ? 'waived' : 'applies'}, coinsurance ${rules.coinsuranceWaived ? 'waived' : 'applies'}, ` +
        `copay ${formatCents(rules.coeCopayCents)}, completion incentive ${formatCents(rules.completionIncentiveCents)}; outside the program: ${OUTSIDE[rules.outsideRule] ?? rules.outsideRule}` +
        `${rules.outsideRule === 'higher_coinsurance' && rules.outsideCoinsuranceRate !== null ? ` (${Math.round(rules.outsideCoinsuranceRate * 1000) / 10}%)` : ''}.`
      )
    case 'travel':
      if (!rules) return 'Saved.'
      return (
        `Saved: travel covered from ${rules.minDistanceMiles} miles from home, flights from ${rules.flyThresholdMiles} miles, ` +
        `${rules.companionCovered ? 'a companion covered' : 'no companion'}, up to ${formatCents(rules.travelCapCents)} a case.`
      )
    case 'publish':
      return `Version ${current.version} is published: members see it from ${formatDate(current.effectiveFrom)}.`
    case 'new-version':
      return `Version ${current.version} started as a draft copy of version ${current.version - 1}; members keep version ${current.version - 1} until you publish this one.`
  }
}
