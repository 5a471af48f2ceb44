import type { Insertable, Kysely, Transaction } from 'kysely'
import type { Database, ProgramBenefitRulesTable, ProgramTravelRulesTable, ProgramVersionsTable, ProgramsTable } from '~/db/schema'
import type { EmployerScope } from '~/domain/tenancy'

/** The facility of an offer as network and candidate lists show it. */
export const OFFER_FACILITY_COLUMNS = [
  'facilities.id as facilityId', 'facilities.name as facilityName', 'facilities.city', 'facilities.state', 'facilities.latitude', 'facilities.longitude',
  'facilities.starRating', 'facilities.inactiveSince', 'offers.isDemo',
] as const

/** Each program of the employer with its newest version. */
export function listPrograms(db: Kysely<Database>, scope: EmployerScope) {
  return db
    .selectFrom('programs')
    .innerJoin('programVersions', 'programVersions.programId', 'programs.id')
    .select([
      'programs.id',
      'programs.name',
      'programVersions.id as versionId',
      'programVersions.version',
      'programVersions.status',
      'programVersions.effectiveFrom',
      'programVersions.effectiveTo',
      'programVersions.publishedAt',
    ])
    .where('programs.employerId', '=', scope.employerId)
    .where('programVersions.version', '=', (eb) =>
      eb.selectFrom('programVersions as latest').select((l) => l.fn.max('latest.version').as('v')).whereRef('latest.programId', '=', 'programs.id'),
    )
    .orderBy('programs.name')
    .execute()
}

export function findProgram(db: Kysely<Database>, scope: EmployerScope, programId: string) {
  return db
    .selectFrom('programs')
    .select(['id', 'name', 'createdAt'])
    .where('id', '=', programId)
    .where('employerId', '=', scope.employerId)
    .executeTakeFirst()
}

export function listProgramVersions(db: Kysely<Database>, programId: string) {
  return db
    .selectFrom('programVersions')
    .select(['id', 'version', 'status', 'effectiveFrom', 'effectiveTo', 'createdAt', 'publishedAt'])
    .where('programId', '=', programId)
    .orderBy('version', 'desc')
    .execute()
}

/** The version in force for members: the newest published one whose dates include `asOfDate`. */
export function findPublishedVersionInForce(db: Kysely<Database>, scope: EmployerScope, asOfDate: string) {
  return db
    .selectFrom('programVersions')
    .innerJoin('programs', 'programs.id', 'programVersions.programId')
    .select(['programVersions.id', 'programVersions.version', 'programVersions.effectiveFrom', 'programs.name', 'programs.id as programId'])
    .where('programs.employerId', '=', scope.employerId)
    .where('programVersions.status', '=', 'published')
    .where('programVersions.effectiveFrom', '<=', asOfDate)
    .where((eb) => eb.or([eb('programVersions.effectiveTo', 'is', null), eb('programVersions.effectiveTo', '>=', asOfDate)]))
    .orderBy('programVersions.publishedAt', 'desc')
    .execute()
}

/**
 * Every published version of the employer's programs, oldest program name first (the dashboard's
 * projection for a period and the overlap check before publishing; which one members get is
 * decided in app/domain/programs/in-force.ts).
 */
export function listPublishedVersions(db: Kysely<Database>, scope: EmployerScope) {
  return db
    .selectFrom('programVersions')
    .innerJoin('programs', 'programs.id', 'programVersions.programId')
    .select([
      'programVersions.id as versionId',
      'programs.id as programId',
      'programs.name as programName',
      'programVersions.version',
      'programVersions.effectiveFrom',
      'programVersions.effectiveTo',
      'programVersions.publishedAt',
    ])
    .where('programs.employerId', '=', scope.employerId)
    .where('programVersions.status', '=', 'published')
    .orderBy('programs.name')
    .orderBy('programVersions.version')
    .execute()
}

export function listVersionProcedures(db: Kysely<Database>, versionId: string) {
  return db
    .selectFrom('programProcedures')
    .innerJoin('procedures', 'procedures.id', 'programProcedures.procedureId')
    .select(['procedures.id', 'procedures.code', 'procedures.name', 'procedures.typicalNights', 'procedures.nightsAway', 'procedures.incidencePerThousand'])
    .where('programProcedures.programVersionId', '=', versionId)
    .orderBy('procedures.name')
    .execute()
}

export function listVersionNetwork(db: Kysely<Database>, versionId: string) {
  return db
    .selectFrom('programNetwork')
    .innerJoin('offers', 'offers.id', 'programNetwork.offerId')
    .innerJoin('facilities', 'facilities.id', 'offers.facilityId')
    .innerJoin('procedures', 'procedures.id', 'offers.procedureId')
    .select([
      'offers.id as offerId',
      'programNetwork.bundlePriceCents',
      'offers.status as offerStatus',
      'offers.validFrom',
      'offers.validTo',
      ...OFFER_FACILITY_COLUMNS,
      'procedures.id as procedureId',
      'procedures.code as procedureCode',
      'procedures.name as procedureName',
    ])
    .where('programNetwork.programVersionId', '=', versionId)
    .orderBy('procedures.code')
    .orderBy('facilities.name')
    .execute()
}

/** A version's procedures with their MS-DRG codes (JSON text), by code. */
export function listVersionProcedureCodes(db: Kysely<Database>, versionId: string) {
  return db
    .selectFrom('programProcedures')
    .innerJoin('procedures', 'procedures.id', 'programProcedures.procedureId')
    .select(['procedures.id', 'procedures.code', 'procedures.name', 'procedures.drgCodes'])
    .where('programProcedures.programVersionId', '=', versionId)
    .orderBy('procedures.code')
    .execute()
}

/**
 * A version's network as a provider directory needs it (the FHIR Plan-Net export, ADR 0017): each
 * offer with its facility's address, phone, coordinates and CCN, and the facility's health system.
 */
export function listVersionNetworkDirectory(db: Kysely<Database>, versionId: string) {
  return db
    .selectFrom('programNetwork')
    .innerJoin('offers', 'offers.id', 'programNetwork.offerId')
    .innerJoin('facilities', 'facilities.id', 'offers.facilityId')
    .leftJoin('organizations as healthSystems', 'healthSystems.id', 'facilities.healthSystemId')
    .select([
      'offers.id as offerId',
      'offers.status as offerStatus',
      'offers.isDemo',
      'offers.procedureId',
      'facilities.id as facilityId',
      'facilities.name as facilityName',
      'facilities.ccn',
      'facilities.address',
      'facilities.city',
      'facilities.state',
      'facilities.zip',
      'facilities.phone',
      'facilities.latitude',
      'facilities.longitude',
      'facilities.facilityType',
      'facilities.healthSystemId',
      'healthSystems.name as healthSystemName',
    ])
    .where('programNetwork.programVersionId', '=', versionId)
    .orderBy('facilities.name')
    .orderBy('offers.id')
    .execute()
}

export function findVersionRules(db: Kysely<Database>, versionId: string) {
  return db
    .selectFrom('programBenefitRules')
    .innerJoin('programTravelRules', 'programTravelRules.programVersionId', 'programBenefitRules.programVersionId')
    .selectAll(['programBenefitRules', 'programTravelRules'])
    .where('programBenefitRules.programVersionId', '=', versionId)
    .executeTakeFirst()
}

export function insertProgram(db: Kysely<Database>, program: Insertable<ProgramsTable>) {
  return db.insertInto('programs').values(program).execute()
}

export function updateProgramName(db: Kysely<Database>, scope: EmployerScope, programId: string, name: string) {
  return db.updateTable('programs').set({ name }).where('id', '=', programId).where('employerId', '=', scope.employerId).execute()
}

export function insertProgramVersion(db: Kysely<Database>, version: Insertable<ProgramVersionsTable>) {
  return db.insertInto('programVersions').values(version).execute()
}

/** Changes a version only while it is a draft: a published version is immutable. Returns rows changed. */
export async function updateDraftVersion(
  db: Kysely<Database>,
  versionId: string,
  changes: Partial<Pick<ProgramVersionsTable, 'effectiveFrom' | 'effectiveTo' | 'status' | 'publishedAt' | 'publishedByUserId'>>,
): Promise<number> {
  const result = await db.updateTable('programVersions').set(changes).where('id', '=', versionId).where('status', '=', 'draft').executeTakeFirst()
  return Number(result.numUpdatedRows)
}

export async function replaceVersionProcedures(trx: Transaction<Database>, versionId: string, procedureIds: readonly string[]) {
  await trx.deleteFrom('programProcedures').where('programVersionId', '=', versionId).execute()
  if (procedureIds.length > 0) await trx.insertInto('programProcedures').values(procedureIds.map((procedureId) => ({ programVersionId: versionId, procedureId }))).execute()
}

export async function replaceVersionNetwork(trx: Transaction<Database>, versionId: string, rows: ReadonlyArray<{ offerId: string; bundlePriceCents: number }>) {
  await trx.deleteFrom('programNetwork').where('programVersionId', '=', versionId).execute()
  for (let i = 0; i < rows.length; i += 400) {
    // Only the columns the table has: callers may pass wider rows.
    const values = rows.slice(i, i + 400).map((row) => ({ programVersionId: versionId, offerId: row.offerId, bundlePriceCents: row.bundlePriceCents }))
    await trx.insertInto('programNetwork').values(values).execute()
  }
}

/** The version's network offers with their procedure (to drop offers of procedures no longer covered). */
export function listVersionNetworkOfferIds(db: Kysely<Database>, versionId: string) {
  return db
    .selectFrom('programNetwork')
    .innerJoin('offers', 'offers.id', 'programNetwork.offerId')
    .select(['programNetwork.offerId', 'programNetwork.bundlePriceCents', 'offers.procedureId'])
    .where('programNetwork.programVersionId', '=', versionId)
    .execute()
}

export type BenefitRulesRow = Insertable<ProgramBenefitRulesTable>
export type TravelRulesRow = Insertable<ProgramTravelRulesTable>

export async function saveBenefitRules(trx: Transaction<Database>, rules: BenefitRulesRow) {
  await trx.deleteFrom('programBenefitRules').where('programVersionId', '=', rules.programVersionId).execute()
  await trx.insertInto('programBenefitRules').values(rules).execute()
}

export async function saveTravelRules(trx: Transaction<Database>, rules: TravelRulesRow) {
  await trx.deleteFrom('programTravelRules').where('programVersionId', '=', rules.programVersionId).execute()
  await trx.insertInto('programTravelRules').values(rules).execute()
}

/** Offers with their facility: where every candidate and offer-facts query starts. */
function offersAtFacilities(db: Kysely<Database>) {
  return db.selectFrom('offers').innerJoin('facilities', 'facilities.id', 'offers.facilityId')
}
type OffersAtFacilities = ReturnType<typeof offersAtFacilities>

/** Active offers for these procedures at hospitals CMS still lists: what the network can be chosen from. */
function activeCandidates(db: Kysely<Database>, procedureIds: readonly string[]): OffersAtFacilities {
  return (
    offersAtFacilities(db)
      .where('offers.procedureId', 'in', procedureIds)
      .where('offers.status', '=', 'active')
      // Hospitals CMS no longer lists are not candidates (issue 19); networks that have them keep them, flagged.
      .where('facilities.inactiveSince', 'is', null)
  )
}

/** Adds the facility's health system (`system`) and its hip/knee quality facts (`comp`, `readm`), each optional. */
function withHipKneeFacts(query: OffersAtFacilities) {
  return query
    .leftJoin('organizations as system', 'system.id', 'facilities.healthSystemId')
    .leftJoin('qualityMeasures as comp', (join) => join.onRef('comp.facilityId', '=', 'facilities.id').on('comp.measureCode', '=', 'COMP_HIP_KNEE'))
    .leftJoin('qualityMeasures as readm', (join) => join.onRef('readm.facilityId', '=', 'facilities.id').on('readm.measureCode', '=', 'READM_30_HIP_KNEE'))
}

/**
 * The network picker's ranking pass (issue 24): the same candidates as `listCandidateOffers`, with
 * only the columns that rank and filter them (thousands of rows at benchmark size); the page's
 * rows get their other facts from `listOfferFacts`.
 */
export function listCandidatePlaces(db: Kysely<Database>, procedureIds: readonly string[]) {
  if (procedureIds.length === 0) return Promise.resolve([])
  return activeCandidates(db, procedureIds)
    .select([
      'offers.id as offerId',
      'offers.procedureId',
      'offers.priceCents',
      'facilities.id as facilityId',
      'facilities.name as facilityName',
      'facilities.state',
      'facilities.latitude',
      'facilities.longitude',
      'facilities.starRating',
    ])
    .execute()
}

/** The facts the picker shows for a page of offers: validity, volume, health system, the hip/knee quality facts. */
export function listOfferFacts(db: Kysely<Database>, offerIds: readonly string[]) {
  if (offerIds.length === 0) return Promise.resolve([])
  return withHipKneeFacts(offersAtFacilities(db))
    .select([
      'offers.id as offerId',
      'offers.validFrom',
      'offers.validTo',
      'offers.annualVolume',
      'offers.isDemo',
      'facilities.city',
      'system.name as healthSystemName',
      'comp.comparison as complicationComparison',
      'readm.comparison as readmissionComparison',
    ])
    .where('offers.id', 'in', offerIds)
    .execute()
}

/** Active offers for these procedures at hospitals CMS still lists, with their facility and the hip/knee quality facts. */
export function listCandidateOffers(db: Kysely<Database>, procedureIds: readonly string[]) {
  if (procedureIds.length === 0) return Promise.resolve([])
  return withHipKneeFacts(activeCandidates(db, procedureIds))
    .innerJoin('procedures', 'procedures.id', 'offers.procedureId')
    .select([
      'offers.id as offerId',
      'offers.priceCents',
      'offers.validFrom',
      'offers.validTo',
      'offers.annualVolume',
      'offers.warrantyDays',
      'procedures.id as procedureId',
      'procedures.code as procedureCode',
      'procedures.name as procedureName',
      ...OFFER_FACILITY_COLUMNS,
      'system.name as healthSystemName',
      'comp.comparison as complicationComparison',
      'readm.comparison as readmissionComparison',
    ])
    .orderBy('procedures.code')
    .orderBy('facilities.name')
    .execute()
}
