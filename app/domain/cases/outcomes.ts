import { addDays } from '~/domain/dates'

/*
 * Outcomes after the procedure (DESIGN §11, ADR 0016 §9): recorded at two check-ins counted from
 * the procedure date, not at completion. The 30-day check-in: readmitted within 30 days (yes/no)
 * and satisfaction (0–10, optional). The 90-day check-in: a complication within 90 days (yes/no)
 * and whether the member answered the patient-reported outcome questions (yes/no). Each is
 * recordable from its day on, never before, and once. The first consult date gives "days to
 * first consult". Dates are ISO (YYYY-MM-DD) and compare as text.
 */

export const CHECKPOINTS = ['thirty_day', 'ninety_day'] as const
export type Checkpoint = (typeof CHECKPOINTS)[number]

/** Days after the procedure date a check-in falls due. */
export const CHECKPOINT_DAYS: Readonly<Record<Checkpoint, number>> = { thirty_day: 30, ninety_day: 90 }
export const CHECKPOINT_LABELS: Readonly<Record<Checkpoint, string>> = { thirty_day: '30-day check-in', ninety_day: '90-day check-in' }

/** A check-in still not recorded two weeks after its day is overdue (the care team's working rule). */
export const OVERDUE_AFTER_DAYS = 14

/** Case states in which the procedure is done, so follow-up can be recorded. */
const FOLLOW_UP_STATES = ['procedure_done', 'completed']

const DAY_IN_WORDS = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' })

/** An ISO date in the words of a message: "2026-06-30" → "June 30, 2026". */
export function dayInWords(isoDate: string): string {
  return DAY_IN_WORDS.format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`))
}

/** The day a check-in falls due: the procedure date + 30 or + 90 days. */
export function checkpointDueOn(procedureDate: string, checkpoint: Checkpoint): string {
  return addDays(procedureDate, CHECKPOINT_DAYS[checkpoint])
}

/** What the check-ins need to know of a case; the outcome columns are 0/1 (or booleans) and null when not recorded. */
export interface CaseOutcomeFacts {
  status: string
  /** When the member asked for care (ISO instant or date). */
  requestedAt: string
  procedureDate: string | null
  firstConsultDate: string | null
  thirtyDayOutcomesAt: string | null
  ninetyDayOutcomesAt: string | null
  wasReadmitted: number | boolean | null
  hadComplication: number | boolean | null
}

export type CheckpointStatus =
  | { checkpoint: Checkpoint; dueOn: string; state: 'not_due' }
  | { checkpoint: Checkpoint; dueOn: string; state: 'due'; isOverdue: boolean }
  /** `recordedAt` null: recorded at completion, before the check-ins existed (the values are kept). */
  | { checkpoint: Checkpoint; dueOn: string; state: 'recorded'; recordedAt: string | null }

const hasProcedure = (facts: Pick<CaseOutcomeFacts, 'status' | 'procedureDate'>): facts is { status: string; procedureDate: string } =>
  facts.procedureDate !== null && FOLLOW_UP_STATES.includes(facts.status)

/** When a check-in was recorded; a case completed before the check-ins holds its values with no time (legacy). */
function recordedAt(facts: CaseOutcomeFacts, checkpoint: Checkpoint): { isRecorded: boolean; at: string | null } {
  const at = checkpoint === 'thirty_day' ? facts.thirtyDayOutcomesAt : facts.ninetyDayOutcomesAt
  const value = checkpoint === 'thirty_day' ? facts.wasReadmitted : facts.hadComplication
  return { isRecorded: at !== null || value !== null, at }
}

/**
 * Where a check-in stands on `today`: not due before its day, due from that day (overdue from
 * 14 days after it), or recorded. Null while the procedure is not done.
 */
export function checkpointStatus(facts: CaseOutcomeFacts, checkpoint: Checkpoint, today: string): CheckpointStatus | null {
  if (!hasProcedure(facts)) return null
  const dueOn = checkpointDueOn(facts.procedureDate, checkpoint)
  const recorded = recordedAt(facts, checkpoint)
  if (recorded.isRecorded) return { checkpoint, dueOn, state: 'recorded', recordedAt: recorded.at }
  if (today < dueOn) return { checkpoint, dueOn, state: 'not_due' }
  return { checkpoint, dueOn, state: 'due', isOverdue: today >= addDays(dueOn, OVERDUE_AFTER_DAYS) }
}

/** Both check-ins of a case on `today`, 30-day first; empty while the procedure is not done. */
export function outcomeSchedule(facts: CaseOutcomeFacts, today: string): CheckpointStatus[] {
  return CHECKPOINTS.flatMap((checkpoint) => checkpointStatus(facts, checkpoint, today) ?? [])
}

export interface ThirtyDayOutcomes {
  wasReadmitted: boolean
  satisfaction: number | null
}
export interface NinetyDayOutcomes {
  hadComplication: boolean
  hasPatientReportedOutcomes: boolean
}
export type CheckpointOutcomes = { checkpoint: 'thirty_day'; values: ThirtyDayOutcomes } | { checkpoint: 'ninety_day'; values: NinetyDayOutcomes }

const SATISFACTION_MESSAGE = 'Satisfaction is a whole number from 0 to 10'

/**
 * Why a check-in cannot be recorded on `today`, by field ('' for the whole form), or {} when it
 * can: the procedure must be done, the day reached, and the check-in not yet recorded.
 */
export function checkCheckpoint(facts: CaseOutcomeFacts, outcomes: CheckpointOutcomes, today: string): Record<string, string> {
  const { checkpoint } = outcomes
  const label = CHECKPOINT_LABELS[checkpoint]
  const status = checkpointStatus(facts, checkpoint, today)
  if (!status) return { '': `The ${label} is recorded once the procedure is done` }
  if (status.state === 'recorded') {
    return {
      '': status.recordedAt
        ? `The ${label} was recorded on ${dayInWords(status.recordedAt)} and cannot change`
        : `The outcomes of this case were recorded when it was completed and cannot change`,
    }
  }
  if (status.state === 'not_due') {
    return { '': `The ${label} is due on ${dayInWords(status.dueOn)} (${CHECKPOINT_DAYS[checkpoint]} days after the procedure on ${dayInWords(facts.procedureDate!)}): record it from then on` }
  }
  if (outcomes.checkpoint === 'thirty_day') {
    const { satisfaction } = outcomes.values
    if (satisfaction !== null && !(Number.isInteger(satisfaction) && satisfaction >= 0 && satisfaction <= 10)) return { satisfaction: SATISFACTION_MESSAGE }
  }
  return {}
}

/**
 * Why a first consult date cannot be recorded, or null: after the procedure is done, once, not
 * before the member asked for care, not after the procedure, not in the future.
 */
export function checkFirstConsult(facts: CaseOutcomeFacts, firstConsultDate: string, today: string): string | null {
  if (!hasProcedure(facts)) return 'The first consult date is recorded once the procedure is done'
  if (facts.firstConsultDate !== null) return `The first consult date is already recorded (${dayInWords(facts.firstConsultDate)}) and cannot change`
  const requestedOn = facts.requestedAt.slice(0, 10)
  if (firstConsultDate < requestedOn) return `The first consult cannot be before the member asked for care (${dayInWords(requestedOn)})`
  if (firstConsultDate > today) return 'The first consult date cannot be in the future'
  if (firstConsultDate > facts.procedureDate) return `The first consult cannot be after the procedure (${dayInWords(facts.procedureDate)})`
  return null
}
