import { sql, type Kysely } from 'kysely'
import type { Database } from '~/db/schema'
import type { EmployerScope } from '~/domain/tenancy'

/** A reporting window: ISO instants, `to` exclusive; optionally one program. Null scope = every employer. */
export interface ReportWindow {
  fromInstant: string
  toInstant: string
  programId: string | null
}

/** Whose cases a report reads: one employer, a set of employers (a coalition's members), or every employer (null). */
export type CaseOwners = EmployerScope | { employerIds: readonly string[] } | null

function casesIn(db: Kysely<Database>, scope: CaseOwners, window: ReportWindow) {
  let query = db.selectFrom('cases').innerJoin('programVersions', 'programVersions.id', 'cases.programVersionId')
  if (scope && 'employerIds' in scope) {
    // No employers: no cases (an empty IN list is not valid SQL).
    query = scope.employerIds.length ? query.where('cases.employerId', 'in', scope.employerIds) : query.where(sql<boolean>`1 = 0`)
  } else if (scope) query = query.where('cases.employerId', '=', scope.employerId)
  if (window.programId) query = query.where('programVersions.programId', '=', window.programId)
  return query
}

/** Cases requested in the window, counted by status. */
export async function countRequestedCasesByStatus(db: Kysely<Database>, scope: EmployerScope | null, window: ReportWindow) {
  const rows = await casesIn(db, scope, window)
    .select(['cases.status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('cases.requestedAt', '>=', window.fromInstant)
    .where('cases.requestedAt', '<', window.toInstant)
    .groupBy('cases.status')
    .execute()
  return rows.map((r) => ({ status: r.status, count: Number(r.n) }))
}

/** Cases completed in the window with what reporting needs (no clinical detail beyond the procedure and outcome flags). */
export function listCompletedCases(db: Kysely<Database>, scope: CaseOwners, window: ReportWindow) {
  return casesIn(db, scope, window)
    .innerJoin('procedures', 'procedures.id', 'cases.procedureId')
    .innerJoin('facilities', 'facilities.id', 'cases.facilityId')
    .innerJoin('rosterMembers', 'rosterMembers.id', 'cases.rosterMemberId')
    .innerJoin('organizations as employer', 'employer.id', 'cases.employerId')
    .leftJoin('healthPlans', 'healthPlans.id', 'rosterMembers.healthPlanId')
    .leftJoin('programBenefitRules', 'programBenefitRules.programVersionId', 'cases.programVersionId')
    .leftJoin('offers', 'offers.id', 'cases.offerId')
    .select([
      'cases.id', 'cases.employerId', 'offers.isDemo as isDemoOffer', 'employer.name as employerName', 'cases.completedAt', 'cases.requestedAt', 'cases.bundlePriceCents', 'cases.travelActualCents',
      'cases.travelEstimateCents', 'cases.memberCostCents', 'cases.hadComplication', 'cases.wasReadmitted', 'cases.satisfaction', 'procedures.id as procedureId',
      'procedures.code as procedureCode', 'procedures.name as procedureName', 'facilities.id as facilityId', 'facilities.name as facilityName', 'facilities.state as facilityState',
      'facilities.inactiveSince as facilityInactiveSince', 'rosterMembers.zip as memberZip', 'rosterMembers.coverageTier', 'healthPlans.deductibleIndividualCents', 'healthPlans.deductibleFamilyCents',
      'healthPlans.coinsuranceRate', 'healthPlans.oopMaxIndividualCents', 'healthPlans.oopMaxFamilyCents', 'healthPlans.isHsaQualified',
      'programBenefitRules.completionIncentiveCents',
    ])
    .where('cases.status', '=', 'completed')
    .where('cases.completedAt', '>=', window.fromInstant)
    .where('cases.completedAt', '<', window.toInstant)
    .orderBy('cases.completedAt')
    .orderBy('cases.id')
    .execute()
}

/** Every case requested in the window, for the cases export (procedure, center, status, money; no clinical detail). */
export function listCasesForExport(db: Kysely<Database>, scope: EmployerScope, window: ReportWindow) {
  return casesIn(db, scope, window)
    .innerJoin('procedures', 'procedures.id', 'cases.procedureId')
    .innerJoin('facilities', 'facilities.id', 'cases.facilityId')
    .innerJoin('rosterMembers', 'rosterMembers.id', 'cases.rosterMemberId')
    .leftJoin('offers', 'offers.id', 'cases.offerId')
    .select([
      'offers.isDemo as isDemoOffer', 'cases.id', 'rosterMembers.employeeId', 'procedures.code as procedureCode', 'facilities.name as facilityName', 'facilities.state as facilityState', 'cases.status',
      'cases.requestedAt', 'cases.completedAt', 'cases.bundlePriceCents', 'cases.memberCostCents', 'cases.travelEstimateCents', 'cases.travelActualCents',
    ])
    .where('cases.requestedAt', '>=', window.fromInstant)
    .where('cases.requestedAt', '<', window.toInstant)
    .orderBy('cases.requestedAt')
    .orderBy('cases.id')
    .execute()
}

/** Invoice lines of invoices created in the window, summed by kind. */
export async function sumInvoiceLinesByKind(db: Kysely<Database>, scope: EmployerScope | null, window: ReportWindow) {
  let query = db
    .selectFrom('invoiceLines')
    .innerJoin('invoices', 'invoices.id', 'invoiceLines.invoiceId')
    .leftJoin('cases', 'cases.id', 'invoices.caseId')
    .leftJoin('programVersions', 'programVersions.id', 'cases.programVersionId')
    .select(['invoiceLines.kind', (eb) => eb.fn.sum<number>('invoiceLines.amountCents').as('cents')])
    .where('invoices.createdAt', '>=', window.fromInstant)
    .where('invoices.createdAt', '<', window.toInstant)
  if (scope) query = query.where('invoices.employerId', '=', scope.employerId)
  if (window.programId) query = query.where('programVersions.programId', '=', window.programId)
  const rows = await query.groupBy('invoiceLines.kind').execute()
  return Object.fromEntries(rows.map((r) => [r.kind, Number(r.cents)])) as Partial<Record<'bundle' | 'travel' | 'incentive' | 'platform_fee', number>>
}

export function listInvoicesForExport(db: Kysely<Database>, scope: EmployerScope, window: ReportWindow) {
  return db
    .selectFrom('invoices')
    .select(['id', 'number', 'caseId', 'status', 'totalCents', 'currency', 'createdAt', 'paidAt', 'stripeInvoiceId'])
    .where('employerId', '=', scope.employerId)
    .where('createdAt', '>=', window.fromInstant)
    .where('createdAt', '<', window.toInstant)
    .orderBy('createdAt')
    .orderBy('id')
    .execute()
}

/** Distinct members who searched in the window. */
export async function countMembersWhoSearched(db: Kysely<Database>, scope: EmployerScope | null, window: ReportWindow) {
  let query = db
    .selectFrom('searchEvents')
    .select((eb) => eb.fn.count<number>('userId').distinct().as('n'))
    .where('occurredAt', '>=', window.fromInstant)
    .where('occurredAt', '<', window.toInstant)
  if (scope) query = query.where('employerId', '=', scope.employerId)
  return Number((await query.executeTakeFirstOrThrow()).n)
}

/** Marketplace supply: active offers per procedure and state. */
export function countOffersByProcedureAndState(db: Kysely<Database>) {
  return db
    .selectFrom('offers')
    .innerJoin('facilities', 'facilities.id', 'offers.facilityId')
    .innerJoin('procedures', 'procedures.id', 'offers.procedureId')
    .select(['procedures.code', 'facilities.state', (eb) => eb.fn.countAll<number>().as('n')])
    .where('offers.status', '=', 'active')
    .groupBy(['procedures.code', 'facilities.state'])
    .orderBy('procedures.code')
    .orderBy('facilities.state')
    .execute()
}

/** Marketplace demand: searches per procedure and ZIP3 in the window. */
export function countSearchesByProcedureAndZip3(db: Kysely<Database>, window: ReportWindow) {
  return db
    .selectFrom('searchEvents')
    .innerJoin('procedures', 'procedures.id', 'searchEvents.procedureId')
    .select(['procedures.code', 'searchEvents.zip3', (eb) => eb.fn.countAll<number>().as('n')])
    .where('searchEvents.occurredAt', '>=', window.fromInstant)
    .where('searchEvents.occurredAt', '<', window.toInstant)
    .groupBy(['procedures.code', 'searchEvents.zip3'])
    .orderBy('n', 'desc')
    .limit(50)
    .execute()
}
