import { z } from 'zod'
import { hasControlCharacter } from '~/domain/text'
import { US_STATE_NAMES } from '~/domain/us-states'

/** Which typical price a scorecard compares bundle prices with (issue 21). */
export type ScorecardComparison = { kind: 'default' } | { kind: 'national' } | { kind: 'state'; state: string } | { kind: 'employer'; employerId: string }

/** The value of the "Compare with" choice for a comparison. */
export function comparisonValue(comparison: Exclude<ScorecardComparison, { kind: 'default' }>): string {
  switch (comparison.kind) {
    case 'national':
      return 'national'
    case 'state':
      return `state:${comparison.state}`
    case 'employer':
      return `employer:${comparison.employerId}`
  }
}

/**
 * The scorecard's query: `compare` is national, state:XX or employer:<id> (`employer=<id>` says
 * the same). Absent: the viewer's default. A value that names nothing falls back to the default
 * and says so.
 */
export function parseScorecardQuery(params: URLSearchParams): { comparison: ScorecardComparison; problem: string | null } {
  const employer = params.get('employer')
  const compare = params.get('compare') ?? (employer === null ? null : `employer:${employer}`)
  if (compare === null || compare === '') return { comparison: { kind: 'default' }, problem: null }
  if (compare === 'national') return { comparison: { kind: 'national' }, problem: null }
  if (compare.startsWith('state:') && Object.hasOwn(US_STATE_NAMES, compare.slice('state:'.length))) return { comparison: { kind: 'state', state: compare.slice('state:'.length) }, problem: null }
  const employerId = compare.startsWith('employer:') ? compare.slice('employer:'.length) : ''
  if (employerId.length > 0 && employerId.length <= 64 && !hasControlCharacter(employerId)) return { comparison: { kind: 'employer', employerId }, problem: null }
  return { comparison: { kind: 'default' }, problem: 'Choose what to compare with from the list: showing the default comparison' }
}

/** The scorecard owner's button: let others see its reconciled contract results, or withdraw them. */
export const ReconciledResultsIntentSchema = z.enum(['show-results', 'hide-results'], {
  errorMap: () => ({ message: 'Choose to show or to withdraw your reconciled results' }),
})

/** The list page's page number; anything else is page 1. */
export function parseScorecardListPage(params: URLSearchParams): number {
  return z.coerce.number().int().min(1).max(10_000).catch(1).parse(params.get('page') ?? 1)
}
