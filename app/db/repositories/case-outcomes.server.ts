import type { Kysely, Transaction } from 'kysely'
import type { Bool, Database } from '~/db/schema'

/*
 * The follow-up of a case after its procedure (issue 21): the first consult date and the 30- and
 * 90-day check-ins. Each is written once: the where clause refuses a second write, so two people
 * recording at the same moment cannot both succeed.
 */

const FOLLOW_UP_STATES = ['procedure_done', 'completed'] as const

/** The audit actions of the follow-up; who recorded what is read back from them. */
export const FOLLOW_UP_ACTIONS = {
  firstConsult: 'case.first_consult_recorded',
  thirtyDay: 'case.thirty_day_outcomes_recorded',
  ninetyDay: 'case.ninety_day_outcomes_recorded',
} as const

function followUp(trx: Transaction<Database>, caseId: string, procedureDate: string) {
  return trx.updateTable('cases').where('id', '=', caseId).where('status', 'in', FOLLOW_UP_STATES).where('procedureDate', '=', procedureDate)
}

export async function setFirstConsultDate(trx: Transaction<Database>, caseId: string, procedureDate: string, firstConsultDate: string, at: string): Promise<boolean> {
  const result = await followUp(trx, caseId, procedureDate).set({ firstConsultDate, updatedAt: at }).where('firstConsultDate', 'is', null).executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function setThirtyDayOutcomes(
  trx: Transaction<Database>,
  caseId: string,
  procedureDate: string,
  values: { wasReadmitted: Bool; satisfaction: number | null },
  at: string,
): Promise<boolean> {
  const result = await followUp(trx, caseId, procedureDate)
    .set({ ...values, thirtyDayOutcomesAt: at, updatedAt: at })
    .where('thirtyDayOutcomesAt', 'is', null)
    .where('wasReadmitted', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function setNinetyDayOutcomes(
  trx: Transaction<Database>,
  caseId: string,
  procedureDate: string,
  values: { hadComplication: Bool; hasPatientReportedOutcomes: Bool },
  at: string,
): Promise<boolean> {
  const result = await followUp(trx, caseId, procedureDate)
    .set({ ...values, ninetyDayOutcomesAt: at, updatedAt: at })
    .where('ninetyDayOutcomesAt', 'is', null)
    .where('hadComplication', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Who recorded each follow-up step of a case and when (from the audit log), oldest first. */
export function listFollowUpRecorders(db: Kysely<Database>, caseId: string) {
  return db
    .selectFrom('auditLog')
    .leftJoin('users', 'users.id', 'auditLog.actorUserId')
    .select(['auditLog.action', 'auditLog.occurredAt', 'users.displayName as recordedBy'])
    .where('auditLog.subjectType', '=', 'case')
    .where('auditLog.subjectId', '=', caseId)
    .where('auditLog.action', 'in', Object.values(FOLLOW_UP_ACTIONS))
    .orderBy('auditLog.occurredAt')
    .execute()
}
