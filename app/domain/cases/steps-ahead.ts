import { CASE_PATH, type CaseState } from './case-flow'

/**
 * The steps of the case path still ahead of `status`, in order, as members see them (DESIGN §5):
 * travel booking only when travel is covered; none for a closed case (completed, cancelled, denied).
 */
export function stepsAhead(status: CaseState, travelCovered: boolean): CaseState[] {
  const at = (CASE_PATH as readonly CaseState[]).indexOf(status)
  if (at < 0 || status === 'completed') return []
  return CASE_PATH.slice(at + 1).filter((step) => step !== 'travel_booked' || travelCovered)
}
