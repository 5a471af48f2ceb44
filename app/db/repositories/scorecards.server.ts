import { sql, type Kysely } from 'kysely'
import type { Bool, Database } from '~/db/schema'

/*
 * Health systems' value scorecards (issue 21). Offers, facilities and CMS facts are catalog data
 * every viewer may see; reconciled results are read only when the health system publishes them,
 * summed over its contracts without naming a purchaser.
 */

/** Health systems with at least one offer in force, by name, a page at a time (or only `healthSystemId`). */
export function listScorecardHealthSystems(db: Kysely<Database>, today: string, page: { limit: number; offset: number; healthSystemId?: string }) {
  let query = db
    .selectFrom('organizations')
    .innerJoin('facilities', 'facilities.healthSystemId', 'organizations.id')
    .innerJoin('offers', 'offers.facilityId', 'facilities.id')
    .select((eb) => [
      'organizations.id',
      'organizations.name',
      eb.fn.count<number>('facilities.id').distinct().as('facilities'),
      eb.fn.count<number>('offers.procedureId').distinct().as('procedures'),
    ])
    .where('organizations.kind', '=', 'health_system')
    .where('offers.status', '=', 'active')
    .where('offers.validFrom', '<=', today)
    .where((eb) => eb.or([eb('offers.validTo', 'is', null), eb('offers.validTo', '>=', today)]))
  if (page.healthSystemId !== undefined) query = query.where('organizations.id', '=', page.healthSystemId)
  return query.groupBy(['organizations.id', 'organizations.name']).orderBy('organizations.name').orderBy('organizations.id').limit(page.limit).offset(page.offset).execute()
}

export function findHealthSystem(db: Kysely<Database>, healthSystemId: string) {
  return db
    .selectFrom('organizations')
    .select(['id', 'name', 'publishesReconciledResults'])
    .where('id', '=', healthSystemId)
    .where('kind', '=', 'health_system')
    .executeTakeFirst()
}

/** The health system's offers in force on `today`, with their facility and procedure. */
export function listScorecardOffers(db: Kysely<Database>, healthSystemId: string, today: string) {
  return db
    .selectFrom('offers')
    .innerJoin('facilities', 'facilities.id', 'offers.facilityId')
    .innerJoin('procedures', 'procedures.id', 'offers.procedureId')
    .select([
      'offers.id as offerId',
      'offers.priceCents',
      'offers.annualVolume',
      'offers.appointmentWithinDays',
      'offers.warrantyDays',
      'offers.isDemo',
      'facilities.id as facilityId',
      'facilities.name as facilityName',
      'facilities.city',
      'facilities.state',
      'facilities.starRating',
      'procedures.id as procedureId',
      'procedures.code as procedureCode',
      'procedures.name as procedureName',
    ])
    .where('facilities.healthSystemId', '=', healthSystemId)
    .where('offers.status', '=', 'active')
    .where('offers.validFrom', '<=', today)
    .where((eb) => eb.or([eb('offers.validTo', 'is', null), eb('offers.validTo', '>=', today)]))
    .orderBy('facilities.name')
    .orderBy('procedures.code')
    .orderBy('offers.id')
    .execute()
}

/**
 * The statements in force of every contract of the health system (a corrected statement replaces
 * the one it supersedes), with their header figures and stored output: for the scorecard's sums,
 * which name no purchaser. Read only when the health system publishes its results.
 */
export function unscopedListCurrentStatements(db: Kysely<Database>, healthSystemId: string) {
  return db
    .selectFrom('contractStatements')
    .innerJoin('contracts', 'contracts.id', 'contractStatements.contractId')
    .select([
      'contractStatements.id',
      'contractStatements.episodeCount',
      'contractStatements.totalBenchmarkCents',
      'contractStatements.grossSavingsCents',
      'contractStatements.settlementCents',
      'contractStatements.statement',
    ])
    .where('contracts.healthSystemOrganizationId', '=', healthSystemId)
    .where('contractStatements.supersededByStatementId', 'is', null)
    .orderBy('contractStatements.createdAt')
    .orderBy('contractStatements.id')
    .execute()
}

export async function updatePublishesReconciledResults(db: Kysely<Database>, healthSystemId: string, publishes: Bool): Promise<boolean> {
  const result = await db
    .updateTable('organizations')
    .set({ publishesReconciledResults: publishes })
    .where('id', '=', healthSystemId)
    .where('kind', '=', 'health_system')
    .where('publishesReconciledResults', '!=', publishes)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** The names of these employers (a broker's granted clients, to choose whose members to compare with). */
export function listEmployerNames(db: Kysely<Database>, employerIds: readonly string[]) {
  if (employerIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('organizations')
    .select(['id', 'name'])
    .where('id', 'in', employerIds)
    .where('kind', '=', 'employer')
    .orderBy(sql`lower(name)`)
    .orderBy('id')
    .execute()
}
