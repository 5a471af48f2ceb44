import type { Kysely } from 'kysely'
import type { Database } from '~/db/schema'

/*
 * Where a health system's offer is included (issue 22): published program versions whose network
 * holds it, and the health system's active contracts with their newest signed version (the terms,
 * read by the service to see whether they cover the offer's facility and procedure).
 */

export function listProgramsIncludingOffer(db: Kysely<Database>, offerId: string) {
  return db
    .selectFrom('programNetwork')
    .innerJoin('programVersions', 'programVersions.id', 'programNetwork.programVersionId')
    .innerJoin('programs', 'programs.id', 'programVersions.programId')
    .innerJoin('organizations as employer', 'employer.id', 'programs.employerId')
    .select(['programs.id as programId', 'programs.name as programName', 'employer.name as employerName', 'programVersions.version'])
    .where('programNetwork.offerId', '=', offerId)
    .where('programVersions.status', '=', 'published')
    .orderBy('employer.name')
    .orderBy('programs.name')
    .orderBy('programs.id')
    .execute()
}

export function listHealthSystemSignedContracts(db: Kysely<Database>, healthSystemId: string) {
  return db
    .selectFrom('contracts')
    .innerJoin('contractVersions', 'contractVersions.contractId', 'contracts.id')
    .innerJoin('organizations as purchaser', 'purchaser.id', 'contracts.purchaserOrganizationId')
    .select(['contracts.id', 'contracts.title', 'purchaser.name as purchaserName', 'contractVersions.version', 'contractVersions.terms'])
    .where('contracts.healthSystemOrganizationId', '=', healthSystemId)
    .where('contracts.status', '=', 'active')
    .where('contractVersions.status', '=', 'signed')
    .where('contractVersions.version', '=', (eb) =>
      eb.selectFrom('contractVersions as signed').select((s) => s.fn.max('signed.version').as('version')).whereRef('signed.contractId', '=', 'contracts.id').where('signed.status', '=', 'signed'),
    )
    .orderBy('purchaser.name')
    .orderBy('contracts.id')
    .execute()
}
