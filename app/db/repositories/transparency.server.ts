import type { ExpressionBuilder, Kysely } from 'kysely'
import type { Database } from '~/db/schema'

/*
 * The rows of an employer's Transparency in Coverage in-network rates file (issue 23, ADR 0018):
 * the offers of its published program versions still in force on a day, at the bundled price each
 * program pays, limited to active offers not past their last valid day. Read in pages (keyset on
 * offer id, then program version id) so that the file streams in constant memory.
 */

type NetworkBuilder = ExpressionBuilder<Database, 'programNetwork' | 'programVersions' | 'programs' | 'offers'>

function isLiveNetworkRow(eb: NetworkBuilder, employerId: string, today: string) {
  return eb.and([
    eb('programs.employerId', '=', employerId),
    eb('programVersions.status', '=', 'published'),
    eb.or([eb('programVersions.effectiveTo', 'is', null), eb('programVersions.effectiveTo', '>=', today)]),
    eb('offers.status', '=', 'active'),
    eb.or([eb('offers.validTo', 'is', null), eb('offers.validTo', '>=', today)]),
  ])
}

function liveNetwork(db: Kysely<Database>) {
  return db
    .selectFrom('programNetwork')
    .innerJoin('programVersions', 'programVersions.id', 'programNetwork.programVersionId')
    .innerJoin('programs', 'programs.id', 'programVersions.programId')
    .innerJoin('offers', 'offers.id', 'programNetwork.offerId')
}

/** The employer (by id, or by its code for the command line) with its plan sponsor EIN. */
export function findTransparencyEmployer(db: Kysely<Database>, by: { id: string } | { code: string }) {
  let query = db.selectFrom('organizations').select(['id', 'name', 'code', 'tin']).where('kind', '=', 'employer')
  query = 'id' in by ? query.where('id', '=', by.id) : query.where('code', '=', by.code)
  return query.executeTakeFirst()
}

export function updateEmployerTin(db: Kysely<Database>, employerId: string, tin: string) {
  return db.updateTable('organizations').set({ tin }).where('id', '=', employerId).where('kind', '=', 'employer').execute()
}

/** The catalog procedures that have at least one live network row, by code. */
export function listNetworkProcedures(db: Kysely<Database>, employerId: string, today: string) {
  return db
    .selectFrom('procedures')
    .select(['id', 'code', 'name', 'drgCodes'])
    .where('id', 'in', liveNetwork(db).select('offers.procedureId').where((eb) => isLiveNetworkRow(eb, employerId, today)))
    .orderBy('code')
    .execute()
}

/** Live network offers without a TIN or an NPI, each once, with what to name them by (at most `limit`). */
export function listNetworkOffersMissingProviderIds(db: Kysely<Database>, employerId: string, today: string, limit: number) {
  return db
    .selectFrom('offers')
    .innerJoin('facilities', 'facilities.id', 'offers.facilityId')
    .innerJoin('procedures', 'procedures.id', 'offers.procedureId')
    .leftJoin('organizations as healthSystem', 'healthSystem.id', 'facilities.healthSystemId')
    .select(['offers.id', 'offers.tin', 'offers.npi', 'facilities.name as facilityName', 'procedures.name as procedureName', 'healthSystem.name as healthSystemName'])
    .where('offers.id', 'in', liveNetwork(db).select('offers.id').where((eb) => isLiveNetworkRow(eb, employerId, today)))
    .where((eb) => eb.or([eb('offers.tin', 'is', null), eb('offers.npi', 'is', null)]))
    .orderBy('healthSystem.name')
    .orderBy('facilities.name')
    .orderBy('procedures.name')
    .orderBy('offers.id')
    .limit(limit)
    .execute()
}

export function countNetworkOffersMissingProviderIds(db: Kysely<Database>, employerId: string, today: string) {
  return db
    .selectFrom('offers')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('offers.id', 'in', liveNetwork(db).select('offers.id').where((eb) => isLiveNetworkRow(eb, employerId, today)))
    .where((eb) => eb.or([eb('offers.tin', 'is', null), eb('offers.npi', 'is', null)]))
    .executeTakeFirstOrThrow()
}

/**
 * One page of a procedure's live network offers after `afterOfferId`, in offer id order. Walks
 * the offers by primary key and checks membership per offer (EXISTS on program_network's offer
 * index), so each page costs its own rows, not the whole network again.
 */
export function listNetworkOfferPage(db: Kysely<Database>, employerId: string, procedureId: string, today: string, afterOfferId: string | null, limit: number) {
  let query = db
    .selectFrom('offers')
    .select(['offers.id', 'offers.tin', 'offers.npi', 'offers.facilityId', 'offers.validTo'])
    .where('offers.procedureId', '=', procedureId)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('programNetwork')
          .innerJoin('programVersions', 'programVersions.id', 'programNetwork.programVersionId')
          .innerJoin('programs', 'programs.id', 'programVersions.programId')
          .select('programNetwork.offerId')
          .whereRef('programNetwork.offerId', '=', 'offers.id')
          .where('programs.employerId', '=', employerId)
          .where('programVersions.status', '=', 'published')
          .where((eb) => eb.or([eb('programVersions.effectiveTo', 'is', null), eb('programVersions.effectiveTo', '>=', today)])),
      ),
    )
    .where('offers.status', '=', 'active')
    .where((eb) => eb.or([eb('offers.validTo', 'is', null), eb('offers.validTo', '>=', today)]))
  if (afterOfferId !== null) query = query.where('offers.id', '>', afterOfferId)
  return query.orderBy('offers.id').limit(limit).execute()
}

/** The live program versions' bundled prices of these offers (a page's), by offer then price. */
export function listNetworkPricesOfOffers(db: Kysely<Database>, employerId: string, offerIds: readonly string[], today: string) {
  if (offerIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('programNetwork')
    .innerJoin('programVersions', 'programVersions.id', 'programNetwork.programVersionId')
    .innerJoin('programs', 'programs.id', 'programVersions.programId')
    .select(['programNetwork.offerId', 'programNetwork.bundlePriceCents', 'programVersions.effectiveTo'])
    .where('programNetwork.offerId', 'in', offerIds)
    .where('programs.employerId', '=', employerId)
    .where('programVersions.status', '=', 'published')
    .where((eb) => eb.or([eb('programVersions.effectiveTo', 'is', null), eb('programVersions.effectiveTo', '>=', today)]))
    .orderBy('programNetwork.offerId')
    .orderBy('programNetwork.bundlePriceCents')
    .orderBy('programVersions.effectiveTo')
    .execute()
}
