import { sql, type Kysely, type Transaction } from 'kysely'
import type { CaseStatus, Database } from '~/db/schema'

/*
 * A health system's incoming patients (issue 22): cases authorised at its facilities, minimum
 * necessary. Every query is scoped by the health system's id through the case's facility, so a
 * case at another health system's facility reads exactly like a missing one.
 */

/** The statuses a health system sees: authorised (eligibility verified) or later; cancelled shown as cancelled. */
export const INCOMING_STATUSES = ['eligibility_verified', 'scheduled', 'travel_booked', 'procedure_done', 'completed', 'cancelled'] as const satisfies readonly CaseStatus[]

export interface IncomingPatientFilter {
  facilityId: string | null
  status: (typeof INCOMING_STATUSES)[number] | null
  /** Only cases whose scheduled date is today or later. */
  upcomingFrom: string | null
}

/** The minimum necessary columns: name, date of birth, procedure, facility, status, dates, companion, travel covered. Nothing else. */
function incomingPatients(db: Kysely<Database>, healthSystemId: string) {
  return db
    .selectFrom('cases')
    .innerJoin('facilities', 'facilities.id', 'cases.facilityId')
    .innerJoin('procedures', 'procedures.id', 'cases.procedureId')
    .innerJoin('rosterMembers', 'rosterMembers.id', 'cases.rosterMemberId')
    .select([
      'cases.id', 'cases.status', 'cases.preferredStart', 'cases.preferredEnd', 'cases.scheduledDate', 'cases.procedureDate', 'cases.hasCompanion',
      'cases.travelEstimateCents', 'cases.employerId', 'cases.facilityId', 'cases.procedureId', 'cases.requestedAt',
      'rosterMembers.firstName', 'rosterMembers.lastName', 'rosterMembers.dateOfBirth',
      'procedures.name as procedureName', 'procedures.code as procedureCode', 'facilities.name as facilityName',
    ])
    .where('facilities.healthSystemId', '=', healthSystemId)
    .where('cases.status', 'in', INCOMING_STATUSES)
}

export async function listIncomingPatients(db: Kysely<Database>, healthSystemId: string, filter: IncomingPatientFilter, page: { limit: number; offset: number }) {
  let query = incomingPatients(db, healthSystemId)
  if (filter.facilityId) query = query.where('cases.facilityId', '=', filter.facilityId)
  if (filter.status) query = query.where('cases.status', '=', filter.status)
  if (filter.upcomingFrom) query = query.where('cases.scheduledDate', '>=', filter.upcomingFrom)
  // Open cases first (those waiting for a date at the top, then by surgery date), finished and
  // cancelled ones after; spelled out because SQLite and PostgreSQL place NULL at opposite ends.
  const rows = await query
    .orderBy(sql`case when ${sql.ref('cases.status')} in ('completed', 'cancelled') then 1 else 0 end`)
    .orderBy(sql`case when ${sql.ref('cases.scheduledDate')} is null then 0 else 1 end`)
    .orderBy('cases.scheduledDate')
    .orderBy('cases.requestedAt')
    .orderBy('cases.id')
    .limit(page.limit + 1)
    .offset(page.offset)
    .execute()
  return { rows: rows.slice(0, page.limit), hasMore: rows.length > page.limit }
}

export function findIncomingPatient(db: Kysely<Database>, healthSystemId: string, caseId: string) {
  return incomingPatients(db, healthSystemId).where('cases.id', '=', caseId).executeTakeFirst()
}

export function listHealthSystemFacilityNames(db: Kysely<Database>, healthSystemId: string) {
  return db.selectFrom('facilities').select(['id', 'name']).where('healthSystemId', '=', healthSystemId).orderBy('name').orderBy('id').execute()
}

const PROPOSAL_COLUMNS = ['id', 'caseId', 'proposedDate', 'note', 'status', 'proposedAt', 'decidedAt', 'decisionNote'] as const

export function listSurgeryDateProposals(db: Kysely<Database>, caseId: string) {
  return db.selectFrom('surgeryDateProposals').select(PROPOSAL_COLUMNS).where('caseId', '=', caseId).orderBy('proposedAt', 'desc').orderBy('id').execute()
}

export function findOpenSurgeryDateProposal(db: Kysely<Database>, caseId: string) {
  return db.selectFrom('surgeryDateProposals').select(PROPOSAL_COLUMNS).where('caseId', '=', caseId).where('status', '=', 'proposed').executeTakeFirst()
}

export function insertSurgeryDateProposal(db: Kysely<Database>, row: { id: string; caseId: string; proposedDate: string; note: string | null; proposedByUserId: string; proposedAt: string }) {
  return db.insertInto('surgeryDateProposals').values({ ...row, status: 'proposed', decidedByUserId: null, decidedAt: null, decisionNote: null }).execute()
}

/** Closes the case's open proposal (only while it is still open); the number of rows changed. */
export async function closeSurgeryDateProposal(
  trx: Transaction<Database> | Kysely<Database>,
  proposalId: string,
  change: { status: 'confirmed' | 'declined' | 'withdrawn'; decidedByUserId: string; decidedAt: string; decisionNote: string | null },
): Promise<number> {
  const result = await trx.updateTable('surgeryDateProposals').set(change).where('id', '=', proposalId).where('status', '=', 'proposed').executeTakeFirst()
  return Number(result.numUpdatedRows)
}

export function listCaseTasks(db: Kysely<Database>, caseId: string) {
  return db.selectFrom('caseTasks').select(['activity', 'doneAt']).where('caseId', '=', caseId).execute()
}

export function insertCaseTask(db: Kysely<Database>, row: { id: string; caseId: string; activity: string; doneAt: string; doneByUserId: string }) {
  return db.insertInto('caseTasks').values(row).onConflict((oc) => oc.columns(['caseId', 'activity']).doNothing()).executeTakeFirst()
}
