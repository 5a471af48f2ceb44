import type { Kysely } from 'kysely'
import type { Database } from '~/db/schema'
import type { EmployerScope } from '~/domain/tenancy'

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

export function listVersionProcedures(db: Kysely<Database>, versionId: string) {
  return db
    .selectFrom('programProcedures')
    .innerJoin('procedures', 'procedures.id', 'programProcedures.procedureId')
    .select(['procedures.id', 'procedures.code', 'procedures.name'])
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
      'facilities.id as facilityId',
      'facilities.name as facilityName',
      'facilities.city',
      'facilities.state',
      'facilities.starRating',
      'procedures.code as procedureCode',
    ])
    .where('programNetwork.programVersionId', '=', versionId)
    .orderBy('procedures.code')
    .orderBy('facilities.name')
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
