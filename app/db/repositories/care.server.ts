import { sql, type Insertable, type Kysely } from 'kysely'
import type { CaseEventsTable, CasesTable, CaseStatus, Database, EmailOutboxTable } from '~/db/schema'
import type { EmployerScope } from '~/domain/tenancy'

/** The member's own roster row with the plan terms and what they have paid this year. */
export function findMemberWithPlan(db: Kysely<Database>, scope: EmployerScope, rosterMemberId: string) {
  return db
    .selectFrom('rosterMembers')
    .leftJoin('healthPlans', 'healthPlans.id', 'rosterMembers.healthPlanId')
    .select([
      'rosterMembers.id', 'rosterMembers.firstName', 'rosterMembers.lastName', 'rosterMembers.zip', 'rosterMembers.coverageTier', 'rosterMembers.coverageStart',
      'rosterMembers.coverageEnd', 'rosterMembers.deductibleMetCents', 'rosterMembers.oopPaidCents', 'healthPlans.id as planId', 'healthPlans.name as planName',
      'healthPlans.planType', 'healthPlans.isHsaQualified', 'healthPlans.deductibleIndividualCents', 'healthPlans.deductibleFamilyCents',
      'healthPlans.coinsuranceRate', 'healthPlans.oopMaxIndividualCents', 'healthPlans.oopMaxFamilyCents',
    ])
    .where('rosterMembers.id', '=', rosterMemberId)
    .where('rosterMembers.employerId', '=', scope.employerId)
    .executeTakeFirst()
}

/** In-network offers of these program versions for one procedure, with facility and bundle contents. */
export function listNetworkOffersForProcedure(db: Kysely<Database>, versionIds: readonly string[], procedureId: string) {
  if (versionIds.length === 0) return Promise.resolve([])
  // CROSS JOIN with the join conditions in WHERE: SQLite then walks the tables in the order written,
  // from the version's 40–60 network rows to their offers, instead of from every active offer of the
  // procedure (3,000+ at national scale) to the network: 3 ms → 0.2 ms on the benchmark database
  // (issue 24). PostgreSQL plans cross joins with WHERE conditions like inner joins.
  return db
    .selectFrom('programNetwork')
    .crossJoin('offers')
    .crossJoin('facilities')
    .whereRef('offers.id', '=', 'programNetwork.offerId')
    .whereRef('facilities.id', '=', 'offers.facilityId')
    .select([
      'programNetwork.programVersionId', 'programNetwork.bundlePriceCents', 'offers.id as offerId', 'offers.includesFacility', 'offers.includesSurgeon',
      'offers.includesAnesthesia', 'offers.includesImplant', 'offers.includesFollowUp', 'offers.warrantyDays', 'offers.followUpVisits', 'offers.annualVolume',
      'offers.accreditation', 'offers.appointmentWithinDays', 'facilities.id as facilityId', 'facilities.name as facilityName', 'facilities.address',
      'facilities.city', 'facilities.state', 'facilities.zip', 'facilities.phone', 'facilities.latitude', 'facilities.longitude', 'facilities.starRating',
      'offers.isDemo',
    ])
    .where('programNetwork.programVersionId', 'in', versionIds)
    // A hospital CMS no longer lists is not offered to members (issue 19); its open cases stay.
    .where('facilities.inactiveSince', 'is', null)
    .where('offers.procedureId', '=', procedureId)
    .where('offers.status', '=', 'active')
    .execute()
}

/** The procedure an offer is for (any status), or undefined. */
export async function findOfferProcedureId(db: Kysely<Database>, offerId: string) {
  return (await db.selectFrom('offers').select('procedureId').where('id', '=', offerId).executeTakeFirst())?.procedureId
}

/** The quality measures of these facilities (CMS facts with comparison and period). */
export async function listMeasuresOfFacilities(db: Kysely<Database>, facilityIds: readonly string[]) {
  const rows = []
  for (let i = 0; i < facilityIds.length; i += 500) {
    rows.push(
      ...(await db
        .selectFrom('qualityMeasures')
        .select(['facilityId', 'measureCode', 'value', 'comparison', 'denominator', 'periodStart', 'periodEnd', 'source'])
        .where('facilityId', 'in', facilityIds.slice(i, i + 500))
        .execute()),
    )
  }
  return rows
}

/** Facilities in a latitude/longitude box (the caller measures the real distance). */
export function listFacilitiesInBox(db: Kysely<Database>, box: { minLatitude: number; maxLatitude: number; minLongitude: number; maxLongitude: number }, limit: number) {
  return db
    .selectFrom('facilities')
    .select(['id', 'name', 'city', 'state', 'latitude', 'longitude', 'starRating', 'facilityType'])
    .where('latitude', '>=', box.minLatitude)
    .where('latitude', '<=', box.maxLatitude)
    .where('longitude', '>=', box.minLongitude)
    .where('longitude', '<=', box.maxLongitude)
    .where('facilityType', '=', 'Acute Care Hospitals')
    .where('inactiveSince', 'is', null)
    .limit(limit)
    .execute()
}

/** Facility-level typical prices of one procedure for these facilities. */
export function listFacilityMarketPrices(db: Kysely<Database>, procedureId: string, facilityIds: readonly string[]) {
  if (facilityIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('marketPrices')
    .select(['scopeKey as facilityId', 'priceCents'])
    .where('procedureId', '=', procedureId)
    .where('scope', '=', 'facility')
    .where('scopeKey', 'in', facilityIds)
    .execute()
}

export function insertSearchEvent(db: Kysely<Database>, row: Insertable<Database['searchEvents']>) {
  return db.insertInto('searchEvents').values(row).execute()
}

export const OPEN_CASE_STATUSES: readonly CaseStatus[] = ['requested', 'eligibility_verified', 'scheduled', 'travel_booked', 'procedure_done']

export function findOpenCase(db: Kysely<Database>, rosterMemberId: string, procedureId: string) {
  return db
    .selectFrom('cases')
    .select(['id', 'status'])
    .where('rosterMemberId', '=', rosterMemberId)
    .where('procedureId', '=', procedureId)
    .where('status', 'in', OPEN_CASE_STATUSES)
    .executeTakeFirst()
}

export function insertCase(db: Kysely<Database>, row: Insertable<CasesTable>) {
  return db.insertInto('cases').values(row).execute()
}

export function insertCaseEvent(db: Kysely<Database>, row: Insertable<CaseEventsTable>) {
  return db.insertInto('caseEvents').values(row).execute()
}

/** Moves a case only from the status it was read in (two coordinators cannot both move it). */
export async function updateCase(db: Kysely<Database>, caseId: string, fromStatus: CaseStatus, changes: Partial<Insertable<CasesTable>>): Promise<number> {
  const result = await db.updateTable('cases').set(changes).where('id', '=', caseId).where('status', '=', fromStatus).executeTakeFirst()
  return Number(result.numUpdatedRows)
}

const CASE_COLUMNS = [
  'cases.id', 'cases.status', 'cases.statusReason', 'cases.requestedAt', 'cases.updatedAt', 'cases.completedAt', 'cases.preferredStart', 'cases.preferredEnd',
  'cases.scheduledDate', 'cases.procedureDate', 'cases.hasCompanion', 'cases.contactPreference', 'cases.contactPhone', 'cases.contactEmail', 'cases.memberNote', 'cases.bundlePriceCents',
  'cases.memberCostCents', 'cases.travelEstimateCents', 'cases.travelActualCents', 'cases.hadComplication', 'cases.wasReadmitted', 'cases.satisfaction',
  'cases.employerId', 'cases.rosterMemberId', 'cases.offerId', 'procedures.code as procedureCode', 'procedures.name as procedureName',
  'cases.firstConsultDate', 'cases.thirtyDayOutcomesAt', 'cases.ninetyDayOutcomesAt', 'cases.hasPatientReportedOutcomes', 'procedures.typicalNights',
  'facilities.id as facilityId', 'facilities.name as facilityName', 'facilities.city', 'facilities.state', 'facilities.phone',
] as const

/** The member's own cases, newest first. */
export function listMemberCases(db: Kysely<Database>, scope: EmployerScope, rosterMemberId: string) {
  return db
    .selectFrom('cases')
    .innerJoin('procedures', 'procedures.id', 'cases.procedureId')
    .innerJoin('facilities', 'facilities.id', 'cases.facilityId')
    .select(CASE_COLUMNS)
    .where('cases.employerId', '=', scope.employerId)
    .where('cases.rosterMemberId', '=', rosterMemberId)
    .orderBy('cases.requestedAt', 'desc')
    .execute()
}

export function findMemberCase(db: Kysely<Database>, scope: EmployerScope, rosterMemberId: string, caseId: string) {
  return db
    .selectFrom('cases')
    .innerJoin('procedures', 'procedures.id', 'cases.procedureId')
    .innerJoin('facilities', 'facilities.id', 'cases.facilityId')
    .select(CASE_COLUMNS)
    .where('cases.id', '=', caseId)
    .where('cases.employerId', '=', scope.employerId)
    .where('cases.rosterMemberId', '=', rosterMemberId)
    .executeTakeFirst()
}

/** A case for the care team (every employer): member, eligibility, plan, program version. */
export function unscopedFindCase(db: Kysely<Database>, caseId: string) {
  return db
    .selectFrom('cases')
    .innerJoin('procedures', 'procedures.id', 'cases.procedureId')
    .innerJoin('facilities', 'facilities.id', 'cases.facilityId')
    .innerJoin('rosterMembers', 'rosterMembers.id', 'cases.rosterMemberId')
    .innerJoin('organizations as employer', 'employer.id', 'cases.employerId')
    .innerJoin('programVersions', 'programVersions.id', 'cases.programVersionId')
    .innerJoin('programs', 'programs.id', 'programVersions.programId')
    .leftJoin('healthPlans', 'healthPlans.id', 'rosterMembers.healthPlanId')
    .select([
      ...CASE_COLUMNS,
      'rosterMembers.firstName', 'rosterMembers.lastName', 'rosterMembers.employeeId', 'rosterMembers.dateOfBirth', 'rosterMembers.zip as memberZip',
      'rosterMembers.coverageStart', 'rosterMembers.coverageEnd', 'healthPlans.name as planName', 'employer.name as employerName', 'programs.name as programName',
      'programVersions.version as programVersion', 'programVersions.id as programVersionId',
    ])
    .where('cases.id', '=', caseId)
    .executeTakeFirst()
}

export function listCaseEvents(db: Kysely<Database>, caseId: string) {
  return db
    .selectFrom('caseEvents')
    .leftJoin('users', 'users.id', 'caseEvents.actorUserId')
    .select(['caseEvents.id', 'caseEvents.fromStatus', 'caseEvents.toStatus', 'caseEvents.note', 'caseEvents.createdAt', 'users.displayName as actorName'])
    .where('caseEvents.caseId', '=', caseId)
    .orderBy('caseEvents.createdAt')
    .orderBy('caseEvents.id')
    .execute()
}

export function listEmployers(db: Kysely<Database>) {
  return db.selectFrom('organizations').select(['id', 'name']).where('kind', '=', 'employer').orderBy('name').execute()
}

/**
 * The employers a filter can usefully offer: those with at least one row in `table` (cases, audit
 * entries), and the one the filter names now (so it stays selected). Not every employer of the
 * platform: at national scale there are ~1,000, which made the care queue and the audit log 200 KB
 * pages of options (issue 24).
 */
export function listEmployersWith(db: Kysely<Database>, table: 'cases' | 'auditLog', selectedId: string | null) {
  return db
    .selectFrom('organizations')
    .select(['id', 'name'])
    .where('kind', '=', 'employer')
    .where((eb) =>
      eb.or([
        eb.exists(eb.selectFrom(table).select(eb.lit(1).as('one')).whereRef(`${table}.employerId`, '=', 'organizations.id')),
        ...(selectedId ? [eb('organizations.id', '=', selectedId)] : []),
      ]),
    )
    .orderBy('name')
    .execute()
}

/** Where and how to write to a member about their case: the address and language of the account bound to this roster row (if any), and the first name on the roster. */
export function findMemberContact(db: Kysely<Database>, rosterMemberId: string) {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.userId')
    .innerJoin('rosterMembers', 'rosterMembers.id', 'memberships.rosterMemberId')
    .select(['users.email', 'users.preferredLanguage', 'rosterMembers.firstName'])
    .where('memberships.rosterMemberId', '=', rosterMemberId)
    .executeTakeFirst()
}

export function insertOutboxMessage(db: Kysely<Database>, row: Insertable<EmailOutboxTable>) {
  return db.insertInto('emailOutbox').values(row).execute()
}

export function findOutboxMessage(db: Kysely<Database>, id: string) {
  return db.selectFrom('emailOutbox').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Unsent messages with no delivery job (dedupe key `email:<id>`, ADR 0022), oldest first. */
export function listUnsentMessagesWithoutJob(db: Kysely<Database>, limit: number) {
  return db
    .selectFrom('emailOutbox')
    .select('emailOutbox.id')
    .where('emailOutbox.sentAt', 'is', null)
    .where('emailOutbox.attempts', '<', 5)
    .where(({ not, exists, selectFrom, ref }) => not(exists(selectFrom('jobs').select('jobs.id').where('jobs.dedupeKey', '=', sql<string>`${'email:'} || ${ref('emailOutbox.id')}`))))
    .orderBy('emailOutbox.createdAt')
    .limit(limit)
    .execute()
}

export function markMessage(db: Kysely<Database>, id: string, changes: Partial<Pick<EmailOutboxTable, 'sentAt' | 'attempts' | 'lastError'>>) {
  return db.updateTable('emailOutbox').set(changes).where('id', '=', id).execute()
}

/** One page of the outbox, newest first (the id breaks ties, so pages never overlap). */
export function listOutbox(db: Kysely<Database>, page: { offset: number; limit: number }) {
  return db.selectFrom('emailOutbox').selectAll().orderBy('createdAt', 'desc').orderBy('id', 'desc').offset(page.offset).limit(page.limit).execute()
}

/** The outbox's size and how many of its messages are not sent, counted in SQL. */
export async function countOutbox(db: Kysely<Database>) {
  const row = await db
    .selectFrom('emailOutbox')
    .select((eb) => [eb.fn.countAll<number>().as('total'), eb.fn.countAll<number>().filterWhere('sentAt', 'is', null).as('unsent')])
    .executeTakeFirstOrThrow()
  return { total: Number(row.total), unsent: Number(row.unsent) }
}
