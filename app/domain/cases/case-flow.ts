/** A case's states (DESIGN §3): the happy path in order, then the two ways out. */
export const CASE_PATH = ['requested', 'eligibility_verified', 'scheduled', 'travel_booked', 'procedure_done', 'completed'] as const
export type CaseState = (typeof CASE_PATH)[number] | 'cancelled' | 'denied'
export const OPEN_STATES: readonly CaseState[] = ['requested', 'eligibility_verified', 'scheduled', 'travel_booked', 'procedure_done']

/** What a transition may carry; which fields are needed depends on the target state. */
export interface TransitionInput {
  reason?: string | null
  scheduledDate?: string | null
  procedureDate?: string | null
  travelActualCents?: number | null
}

export interface CaseFacts {
  status: CaseState
  /** Travel is covered for this case (the estimate said so): then travel is booked before the procedure. */
  travelCovered: boolean
  scheduledDate: string | null
  procedureDate: string | null
}

/**
 * The states a case may move to next: one step along the path, never skipping (travel booking is
 * skipped only when the case has no covered travel); denied only before it is scheduled;
 * cancelled any time before the procedure is done.
 */
export function nextStates(facts: Pick<CaseFacts, 'status' | 'travelCovered'>): CaseState[] {
  const { status, travelCovered } = facts
  if (!OPEN_STATES.includes(status)) return []
  const index = CASE_PATH.indexOf(status as (typeof CASE_PATH)[number])
  let next: CaseState = CASE_PATH[index + 1]!
  if (next === 'travel_booked' && !travelCovered) next = 'procedure_done'
  const out: CaseState[] = [next]
  if (status === 'requested' || status === 'eligibility_verified') out.push('denied')
  if (status !== 'procedure_done') out.push('cancelled')
  return out
}

const LABEL: Record<CaseState, string> = {
  requested: 'Requested',
  eligibility_verified: 'Eligibility verified',
  scheduled: 'Scheduled',
  travel_booked: 'Travel booked',
  procedure_done: 'Procedure done',
  completed: 'Completed',
  cancelled: 'Cancelled',
  denied: 'Denied',
}

export function isCaseState(text: string): text is CaseState {
  return text in LABEL
}

export function caseStateLabel(state: CaseState): string {
  return LABEL[state]
}

/**
 * Checks one transition and what it carries; field errors name what is missing or wrong.
 * Dates are ISO text and compare as strings.
 */
export function checkTransition(facts: CaseFacts, to: CaseState, input: TransitionInput, today: string): Record<string, string> {
  const errors: Record<string, string> = {}
  if (!nextStates(facts).includes(to)) {
    errors.to = OPEN_STATES.includes(facts.status)
      ? `A case that is ${LABEL[facts.status].toLowerCase()} cannot move to ${LABEL[to].toLowerCase()}: the next step is ${LABEL[nextStates(facts)[0]!].toLowerCase()}`
      : `This case is ${LABEL[facts.status].toLowerCase()} and cannot change any more`
    return errors
  }
  if ((to === 'denied' || to === 'cancelled') && !input.reason?.trim()) errors.reason = `Give the reason the case is ${LABEL[to].toLowerCase()}: the member sees it`
  if (to === 'scheduled') {
    if (!input.scheduledDate) errors.scheduledDate = 'Enter the date of the procedure'
    else if (input.scheduledDate < today) errors.scheduledDate = 'The procedure date cannot be in the past'
  }
  if (to === 'procedure_done') {
    if (!input.procedureDate) errors.procedureDate = 'Enter the date the procedure was done'
    else if (input.procedureDate > today) errors.procedureDate = 'The procedure date cannot be in the future'
  }
  // Outcomes are not asked at completion: they are recorded at the 30- and 90-day check-ins (app/domain/cases/outcomes.ts).
  if (to === 'completed') {
    if (facts.travelCovered && (input.travelActualCents === null || input.travelActualCents === undefined)) {
      errors.travelActualCents = 'Enter the travel actually paid (0 if none) before completing the case'
    }
  }
  return errors
}
