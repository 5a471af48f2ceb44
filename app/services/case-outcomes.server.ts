import { getDb } from '~/db/client.server'
import { insertAuditEntry } from '~/db/repositories/audit.server'
import { FOLLOW_UP_ACTIONS, listFollowUpRecorders, setFirstConsultDate, setNinetyDayOutcomes, setThirtyDayOutcomes } from '~/db/repositories/case-outcomes.server'
import { unscopedFindCase } from '~/db/repositories/care.server'
import { CHECKPOINT_LABELS, checkCheckpoint, checkFirstConsult, outcomeSchedule, type CaseOutcomeFacts, type CheckpointStatus } from '~/domain/cases/outcomes'
import { toIsoDate } from '~/domain/dates'
import type { Actor } from '~/domain/tenancy'
import type { NinetyDayOutcomesInput, ThirtyDayOutcomesInput } from '~/forms/care'
import { notFound } from '~/http/responses.server'

/*
 * The follow-up of a case after its procedure (issue 21, ADR 0016 §9): the first consult date and
 * the 30- and 90-day check-ins, each recorded once by the care team, audited with who and when.
 * The values go to the case's outcome columns the dashboard and attribution read.
 */

export type FollowUpResult = { ok: true } | { ok: false; fieldErrors: Record<string, string[]> }

const refused = (errors: Record<string, string>): FollowUpResult => ({ ok: false, fieldErrors: Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, [v]])) })
const CHANGED_MESSAGE = 'Someone else recorded this a moment ago: reload the case to see it'

async function findCase(caseId: string) {
  const found = await unscopedFindCase(getDb(), caseId)
  if (!found) throw notFound('Case')
  return found
}

/** The first consult date of a case, once, after its procedure (not before the request, not after the procedure, not in the future). */
export async function recordFirstConsult(actor: Actor, caseId: string, input: { firstConsultDate: string }, now = new Date()): Promise<FollowUpResult> {
  const found = await findCase(caseId)
  const problem = checkFirstConsult(found, input.firstConsultDate, toIsoDate(now))
  if (problem) return refused({ firstConsultDate: problem })
  const at = now.toISOString()
  const saved = await getDb().transaction().execute(async (trx) => {
    if (!(await setFirstConsultDate(trx, caseId, found.procedureDate!, input.firstConsultDate, at))) return false
    await insertAuditEntry(trx, actor, {
      action: FOLLOW_UP_ACTIONS.firstConsult, subjectType: 'case', subjectId: caseId, employerId: found.employerId, at,
      detail: JSON.stringify({ firstConsultDate: input.firstConsultDate }),
    })
    return true
  })
  return saved ? { ok: true } : refused({ '': CHANGED_MESSAGE })
}

/** The 30- or 90-day check-in of a case, once, from its day on. */
export async function recordCheckIn(actor: Actor, caseId: string, input: ThirtyDayOutcomesInput | NinetyDayOutcomesInput, now = new Date()): Promise<FollowUpResult> {
  const found = await findCase(caseId)
  const outcomes =
    input.intent === 'thirty-day'
      ? ({ checkpoint: 'thirty_day', values: { wasReadmitted: input.wasReadmitted, satisfaction: input.satisfaction } } as const)
      : ({ checkpoint: 'ninety_day', values: { hadComplication: input.hadComplication, hasPatientReportedOutcomes: input.hasPatientReportedOutcomes } } as const)
  const errors = checkCheckpoint(found, outcomes, toIsoDate(now))
  if (Object.keys(errors).length > 0) return refused(errors)
  const at = now.toISOString()
  const bit = (value: boolean) => (value ? 1 : 0) as 0 | 1
  const saved = await getDb().transaction().execute(async (trx) => {
    const written =
      outcomes.checkpoint === 'thirty_day'
        ? await setThirtyDayOutcomes(trx, caseId, found.procedureDate!, { wasReadmitted: bit(outcomes.values.wasReadmitted), satisfaction: outcomes.values.satisfaction }, at)
        : await setNinetyDayOutcomes(
            trx, caseId, found.procedureDate!,
            { hadComplication: bit(outcomes.values.hadComplication), hasPatientReportedOutcomes: bit(outcomes.values.hasPatientReportedOutcomes) },
            at,
          )
    if (!written) return false
    await insertAuditEntry(trx, actor, {
      action: outcomes.checkpoint === 'thirty_day' ? FOLLOW_UP_ACTIONS.thirtyDay : FOLLOW_UP_ACTIONS.ninetyDay,
      subjectType: 'case', subjectId: caseId, employerId: found.employerId, at, detail: JSON.stringify(outcomes.values),
    })
    return true
  })
  return saved ? { ok: true } : refused({ '': CHANGED_MESSAGE })
}

type FollowUpCase = CaseOutcomeFacts & { id: string; satisfaction: number | null; hasPatientReportedOutcomes: number | null }

/** A check-in as the coordinator's page shows it: when it is due, its state, and once recorded its answers, by whom and when. */
export type CheckInView = CheckpointStatus & {
  label: string
  recordedBy: string | null
  answers: Array<{ question: string; answer: string }>
}

const yesNo = (value: number | boolean | null) => (value === null ? 'not recorded' : value ? 'yes' : 'no')

/** The follow-up part of the coordinator's case page: first consult, both check-ins with who recorded them. */
export async function getCaseFollowUp(found: FollowUpCase, now: Date) {
  const recorders = await listFollowUpRecorders(getDb(), found.id)
  const recorder = (action: string) => recorders.find((r) => r.action === action)?.recordedBy ?? null
  const checkIns: CheckInView[] = outcomeSchedule(found, toIsoDate(now)).map((status) => {
    const isThirty = status.checkpoint === 'thirty_day'
    const answers =
      status.state !== 'recorded'
        ? []
        : isThirty
          ? [
              { question: 'Readmitted within 30 days', answer: yesNo(found.wasReadmitted) },
              { question: 'Satisfaction (0–10)', answer: found.satisfaction === null ? 'not given' : String(found.satisfaction) },
            ]
          : [
              { question: 'Complication within 90 days', answer: yesNo(found.hadComplication) },
              { question: 'Patient-reported outcomes answered', answer: yesNo(found.hasPatientReportedOutcomes) },
            ]
    return { ...status, label: CHECKPOINT_LABELS[status.checkpoint], recordedBy: recorder(isThirty ? FOLLOW_UP_ACTIONS.thirtyDay : FOLLOW_UP_ACTIONS.ninetyDay), answers }
  })
  return {
    firstConsult: found.firstConsultDate === null ? null : { date: found.firstConsultDate, recordedBy: recorder(FOLLOW_UP_ACTIONS.firstConsult) },
    checkIns,
  }
}
