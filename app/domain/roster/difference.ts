import type { CoverageTierCode, RosterPatch } from './roster-row'

/** What a roster file does to one member (DESIGN §6, issue 17). */
export type RosterChangeKind = 'added' | 'changed' | 'ended' | 'reinstated'

/** The stored fields a file can change, as the roster table names them. */
export const ROSTER_FIELDS = ['firstName', 'lastName', 'dateOfBirth', 'zip', 'healthPlanId', 'coverageTier', 'coverageStart', 'coverageEnd', 'dependentsCount'] as const
export type RosterField = (typeof ROSTER_FIELDS)[number]

export interface StoredRosterMember {
  id: string
  employeeId: string
  firstName: string
  lastName: string
  dateOfBirth: string
  zip: string
  healthPlanId: string | null
  coverageTier: CoverageTierCode
  coverageStart: string
  coverageEnd: string | null
  dependentsCount: number
}

export type RosterValues = { [F in RosterField]: StoredRosterMember[F] }

export type MemberComparison =
  | { kind: RosterChangeKind; fields: RosterField[]; previous: Partial<RosterValues> | null; next: Partial<RosterValues> }
  | { kind: 'unchanged' }
  | { kind: 'incomplete'; missing: RosterField[] }

/** Is a member covered on `today` (YYYY-MM-DD)? Coverage that starts later still counts: it has not ended. */
export function isCovered(member: { coverageEnd: string | null }, today: string): boolean {
  return member.coverageEnd === null || member.coverageEnd >= today
}

/**
 * Compares one file line with the stored member. Only the fields the line carries count (a column
 * the file lacks leaves the stored value alone); a change that takes coverage away on `today` is
 * "ended", one that gives it back "reinstated". A new member needs every required field.
 */
export function compareMember(stored: StoredRosterMember | undefined, patch: RosterPatch, today: string): MemberComparison {
  const incoming: Partial<RosterValues> = {}
  for (const field of ROSTER_FIELDS) {
    const value = patch[field]
    if (value !== undefined) (incoming as Record<string, unknown>)[field] = value
  }
  if (!stored) {
    const missing = (['firstName', 'lastName', 'dateOfBirth', 'zip', 'healthPlanId', 'coverageTier', 'coverageStart'] as const).filter((f) => incoming[f] === undefined)
    if (missing.length > 0) return { kind: 'incomplete', missing }
    const next = { coverageEnd: null, dependentsCount: 0, ...incoming } as RosterValues
    return { kind: 'added', fields: [...ROSTER_FIELDS], previous: null, next }
  }
  const fields = ROSTER_FIELDS.filter((field) => field in incoming && incoming[field] !== stored[field])
  if (fields.length === 0) return { kind: 'unchanged' }
  const next: Partial<RosterValues> = {}
  const previous: Partial<RosterValues> = {}
  for (const field of fields) {
    ;(next as Record<string, unknown>)[field] = incoming[field]
    ;(previous as Record<string, unknown>)[field] = stored[field]
  }
  const wasCovered = isCovered(stored, today)
  const willBeCovered = isCovered({ coverageEnd: 'coverageEnd' in next ? next.coverageEnd! : stored.coverageEnd }, today)
  const kind = wasCovered && !willBeCovered ? 'ended' : !wasCovered && willBeCovered ? 'reinstated' : 'changed'
  return { kind, fields, previous, next }
}

/** Full-file mode: a covered member missing from the file gets a coverage end the day before the file's date (never deleted). */
export function endMissingMember(stored: Pick<StoredRosterMember, 'coverageEnd'>, dayBefore: string): MemberComparison {
  return { kind: 'ended', fields: ['coverageEnd'], previous: { coverageEnd: stored.coverageEnd }, next: { coverageEnd: dayBefore } }
}

/** The default share (%) of covered members a file may end before it needs an explicit confirmation (DESIGN §6). */
export const DEFAULT_TERMINATION_LIMIT_PERCENT = 10

export interface TerminationCheck {
  ending: number
  covered: number
  limitPercent: number
  /** Does applying need an explicit confirmation of the terminations? */
  needsConfirmation: boolean
}

/**
 * The termination guard (issue 17): a file that would end coverage for more than `limitPercent` of
 * the members covered today needs an explicit confirmation. Any ending counts when nobody is covered.
 */
export function checkTerminations(ending: number, covered: number, limitPercent: number): TerminationCheck {
  return { ending, covered, limitPercent, needsConfirmation: ending > 0 && ending * 100 > limitPercent * covered }
}

/** The sentence that says why a file was not applied without confirmation. */
export function terminationRefusal(check: TerminationCheck): string {
  const formatCount = (n: number) => n.toLocaleString('en-US')
  const share = check.covered === 0 ? 100 : Math.round((check.ending * 1000) / check.covered) / 10
  return (
    `This file would end coverage for ${formatCount(check.ending)} of ${formatCount(check.covered)} covered members (${share} %), ` +
    `more than your limit of ${check.limitPercent} %. Nothing was changed. Check that it is the whole roster, then confirm the terminations to apply it.`
  )
}
