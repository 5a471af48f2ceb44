import { isIsoDate } from '~/domain/dates'

/**
 * Coalition membership rules (issue 23, ADR 0020, DESIGN §12). Pure: the services load the rows and
 * apply these; the other coalition features (pooled reports, allocation, adopting the network) ask
 * `isMemberOn` whether an employer counted as a member on a date.
 *
 * A membership row goes invited → active (the employer admin accepts; joined_on) or declined (the
 * employer admin), or withdrawn (the coalition, before an answer); active → ended (either side; left_on,
 * the last day of membership, never before joined_on). Declined, withdrawn and ended are final: a
 * new invitation is a new row. At most one open (invited or active) row per coalition and employer.
 */
export type CoalitionMembershipStatus = 'invited' | 'active' | 'declined' | 'withdrawn' | 'ended'
export type MembershipSide = 'coalition' | 'employer'
export type MembershipAction = 'accept' | 'decline' | 'withdraw' | 'end'

export interface MembershipDates {
  status: CoalitionMembershipStatus
  /** YYYY-MM-DD, the first day of membership; null until accepted. */
  joinedOn: string | null
  /** YYYY-MM-DD, the last day of membership; null while a member. */
  leftOn: string | null
}

export const OPEN_STATUSES: readonly CoalitionMembershipStatus[] = ['invited', 'active']
export const isOpen = (status: CoalitionMembershipStatus): boolean => OPEN_STATUSES.includes(status)

/** Was the employer of this row a member on `date` (YYYY-MM-DD)? From joined_on to left_on, both days included. */
export function isMemberOn(row: MembershipDates, date: string): boolean {
  if (row.status !== 'active' && row.status !== 'ended') return false
  if (row.joinedOn === null || date < row.joinedOn) return false
  return row.leftOn === null || date <= row.leftOn
}

/** Is employer E a member of coalition C on date D, given any of the rows (of any pairs)? */
export function isEmployerMemberOn(
  rows: ReadonlyArray<MembershipDates & { coalitionOrganizationId: string; employerOrganizationId: string }>,
  coalitionId: string,
  employerId: string,
  date: string,
): boolean {
  return rows.some((row) => row.coalitionOrganizationId === coalitionId && row.employerOrganizationId === employerId && isMemberOn(row, date))
}

/** Who may take each action, and from which status. */
export const TRANSITIONS: Record<MembershipAction, { from: CoalitionMembershipStatus; to: CoalitionMembershipStatus; sides: readonly MembershipSide[] }> = {
  accept: { from: 'invited', to: 'active', sides: ['employer'] },
  decline: { from: 'invited', to: 'declined', sides: ['employer'] },
  withdraw: { from: 'invited', to: 'withdrawn', sides: ['coalition'] },
  end: { from: 'active', to: 'ended', sides: ['coalition', 'employer'] },
}

const VERB: Record<MembershipAction, string> = { accept: 'accept', decline: 'decline', withdraw: 'withdraw', end: 'end' }
const STATUS_TEXT: Record<CoalitionMembershipStatus, string> = {
  invited: 'an open invitation',
  active: 'an active membership',
  declined: 'an invitation that was declined',
  withdrawn: 'an invitation that was withdrawn',
  ended: 'a membership that has ended',
}
const OBJECT: Record<MembershipAction, string> = { accept: 'an invitation', decline: 'an invitation', withdraw: 'an invitation', end: 'a membership' }

export type TransitionResult =
  | { ok: true; status: CoalitionMembershipStatus; joinedOn: string | null; leftOn: string | null }
  | { ok: false; message: string }

/**
 * The row after `action` by `side` on `date` (YYYY-MM-DD: the acceptance date for accept, the last
 * day of membership for end; unused otherwise), or why it is refused.
 */
export function applyMembershipAction(row: MembershipDates, action: MembershipAction, side: MembershipSide, date: string): TransitionResult {
  const rule = TRANSITIONS[action]
  if (!rule.sides.includes(side)) {
    return { ok: false, message: side === 'coalition' ? `Only the employer's admin can ${VERB[action]} ${OBJECT[action]}.` : `Only the coalition's admin can ${VERB[action]} ${OBJECT[action]}.` }
  }
  if (row.status !== rule.from) return { ok: false, message: `You cannot ${VERB[action]} this: it is ${STATUS_TEXT[row.status]}.` }
  if ((action === 'accept' || action === 'end') && !isIsoDate(date)) return { ok: false, message: 'Enter a real date as YYYY-MM-DD.' }
  switch (action) {
    case 'accept':
      return { ok: true, status: rule.to, joinedOn: date, leftOn: null }
    case 'end':
      if (row.joinedOn !== null && date < row.joinedOn) {
        return { ok: false, message: `The last day of membership cannot be before the day it began (${row.joinedOn}).` }
      }
      return { ok: true, status: rule.to, joinedOn: row.joinedOn, leftOn: date }
    case 'decline':
    case 'withdraw':
      return { ok: true, status: rule.to, joinedOn: row.joinedOn, leftOn: row.leftOn }
  }
}

/** Why a new invitation of this employer cannot be sent, given the pair's open row (if any); null when it can. */
export function invitationRefusal(open: CoalitionMembershipStatus | null, employerName: string): string | null {
  if (open === 'invited') return `${employerName} already has an open invitation from this coalition.`
  if (open === 'active') return `${employerName} is already a member of this coalition.`
  return null
}
