import type { Insertable, Kysely, Transaction, Updateable } from 'kysely'
import type { ContractSignaturesTable, ContractVersionsTable, ContractsTable, Database } from '~/db/schema'
import type { ContractParty, EmployerScope } from '~/domain/tenancy'

/*
 * Value-based contracts (issue 21, ADR 0016). Every read is filtered by the party that asks: the
 * purchaser sees its own contracts, the health system those it is a party to once they were sent
 * to it. A contract outside the party looks exactly like a missing one.
 */

const CONTRACT_COLUMNS = [
  'contracts.id',
  'contracts.title',
  'contracts.status',
  'contracts.purchaserOrganizationId',
  'contracts.healthSystemOrganizationId',
  'contracts.sourceProgramId',
  'contracts.firstSentAt',
  'contracts.createdAt',
  'contracts.updatedAt',
  'purchaser.name as purchaserName',
  'healthSystem.name as healthSystemName',
] as const

function partyContracts(db: Kysely<Database>, party: ContractParty) {
  const query = db
    .selectFrom('contracts')
    .innerJoin('organizations as purchaser', 'purchaser.id', 'contracts.purchaserOrganizationId')
    .innerJoin('organizations as healthSystem', 'healthSystem.id', 'contracts.healthSystemOrganizationId')
  return party.side === 'purchaser'
    ? query.where('contracts.purchaserOrganizationId', '=', party.organizationId)
    : query.where('contracts.healthSystemOrganizationId', '=', party.organizationId).where('contracts.firstSentAt', 'is not', null)
}

export function listPartyContracts(db: Kysely<Database>, party: ContractParty) {
  return partyContracts(db, party)
    .select([
      ...CONTRACT_COLUMNS,
      (eb) =>
        eb
          .selectFrom('contractVersions')
          .select((v) => v.fn.max('contractVersions.version').as('version'))
          .whereRef('contractVersions.contractId', '=', 'contracts.id')
          .as('latestVersion'),
    ])
    .orderBy('contracts.createdAt', 'desc')
    .orderBy('contracts.id')
    .execute()
}

export function findPartyContract(db: Kysely<Database>, party: ContractParty, contractId: string) {
  return partyContracts(db, party).select(CONTRACT_COLUMNS).where('contracts.id', '=', contractId).executeTakeFirst()
}

export function insertContract(db: Kysely<Database>, contract: Insertable<ContractsTable>) {
  return db.insertInto('contracts').values(contract).execute()
}

export function updateContract(db: Kysely<Database>, contractId: string, changes: Updateable<ContractsTable>) {
  return db.updateTable('contracts').set(changes).where('id', '=', contractId).execute()
}

const VERSION_COLUMNS = [
  'id', 'contractId', 'version', 'status', 'terms', 'termsSha256', 'baseTerms', 'roundStartTerms', 'sentTerms', 'basedOnVersionId', 'createdByUserId', 'createdAt',
  'updatedAt', 'editedByOrganizationId', 'sentAt', 'sentByOrganizationId', 'signedAt',
] as const

/** Every version of a contract, newest first (call only with a contract found for the party). */
export function listContractVersions(db: Kysely<Database>, contractId: string) {
  return db.selectFrom('contractVersions').select(VERSION_COLUMNS).where('contractId', '=', contractId).orderBy('version', 'desc').execute()
}

export function insertContractVersion(db: Kysely<Database>, version: Insertable<ContractVersionsTable>) {
  return db.insertInto('contractVersions').values(version).execute()
}

/** Changes an open version; a signed one is never touched (the where clause refuses it). */
export async function updateOpenContractVersion(trx: Transaction<Database>, versionId: string, changes: Updateable<ContractVersionsTable>): Promise<boolean> {
  const result = await trx.updateTable('contractVersions').set(changes).where('id', '=', versionId).where('status', '!=', 'signed').executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export function listVersionSignatures(db: Kysely<Database>, versionIds: readonly string[]) {
  if (versionIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('contractSignatures')
    .innerJoin('users', 'users.id', 'contractSignatures.userId')
    .innerJoin('organizations', 'organizations.id', 'contractSignatures.organizationId')
    .select([
      'contractSignatures.id',
      'contractSignatures.versionId',
      'contractSignatures.organizationId',
      'contractSignatures.userId',
      'contractSignatures.signedAt',
      'contractSignatures.termsSha256',
      'users.displayName as userName',
      'organizations.name as organizationName',
    ])
    .where('contractSignatures.versionId', 'in', versionIds)
    .orderBy('contractSignatures.signedAt')
    .orderBy('contractSignatures.id')
    .execute()
}

export function insertContractSignature(trx: Transaction<Database>, signature: Insertable<ContractSignaturesTable>) {
  return trx.insertInto('contractSignatures').values(signature).execute()
}

export async function insertVersionFacilities(trx: Transaction<Database>, versionId: string, facilityIds: readonly string[]) {
  if (facilityIds.length === 0) return
  await trx.insertInto('contractVersionFacilities').values(facilityIds.map((facilityId) => ({ versionId, facilityId }))).execute()
}

/** A health system's facilities (for the network picker and the names in the redline). */
export function listHealthSystemFacilityNames(db: Kysely<Database>, healthSystemId: string) {
  return db.selectFrom('facilities').select(['id', 'name', 'city', 'state']).where('healthSystemId', '=', healthSystemId).orderBy('name').orderBy('id').execute()
}

/**
 * The offers in the network of the program's newest version, with their health system: what a
 * contract draft copies its bundle rates from.
 */
export function listProgramNetworkOffers(db: Kysely<Database>, scope: EmployerScope, programId: string) {
  return db
    .selectFrom('programs')
    .innerJoin('programVersions', 'programVersions.programId', 'programs.id')
    .innerJoin('programNetwork', 'programNetwork.programVersionId', 'programVersions.id')
    .innerJoin('offers', 'offers.id', 'programNetwork.offerId')
    .innerJoin('facilities', 'facilities.id', 'offers.facilityId')
    .innerJoin('organizations as healthSystem', 'healthSystem.id', 'facilities.healthSystemId')
    .innerJoin('procedures', 'procedures.id', 'offers.procedureId')
    .select([
      'offers.id as offerId',
      'programNetwork.bundlePriceCents',
      'offers.includesFacility',
      'offers.includesSurgeon',
      'offers.includesAnesthesia',
      'offers.includesImplant',
      'offers.includesFollowUp',
      'offers.warrantyDays',
      'offers.appointmentWithinDays',
      'facilities.id as facilityId',
      'facilities.name as facilityName',
      'healthSystem.id as healthSystemId',
      'healthSystem.name as healthSystemName',
      'procedures.id as procedureId',
      'procedures.code as procedureCode',
    ])
    .where('programs.id', '=', programId)
    .where('programs.employerId', '=', scope.employerId)
    .where('programVersions.version', '=', (eb) =>
      eb.selectFrom('programVersions as latest').select((l) => l.fn.max('latest.version').as('v')).whereRef('latest.programId', '=', 'programs.id'),
    )
    .orderBy('healthSystem.name')
    .orderBy('procedures.code')
    .orderBy('facilities.name')
    .execute()
}

/** Which of these procedure codes are in the catalog. */
export async function listKnownProcedureCodes(db: Kysely<Database>, codes: readonly string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set()
  const rows = await db.selectFrom('procedures').select('code').where('code', 'in', codes).execute()
  return new Set(rows.map((row) => row.code))
}

/** Which of these offers belong to the health system's facilities, with their procedure. */
export function listHealthSystemOffers(db: Kysely<Database>, healthSystemId: string, offerIds: readonly string[]) {
  if (offerIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('offers')
    .innerJoin('facilities', 'facilities.id', 'offers.facilityId')
    .innerJoin('procedures', 'procedures.id', 'offers.procedureId')
    .select(['offers.id', 'procedures.code as procedureCode'])
    .where('facilities.healthSystemId', '=', healthSystemId)
    .where('offers.id', 'in', offerIds)
    .execute()
}

/**
 * Takes the version's row lock for the rest of the transaction when it is still sent with these
 * terms (false otherwise): two signers then run one after the other, and the second sees the
 * first's signature (PostgreSQL waits on the row; SQLite holds its one write lock from here).
 * It writes back the version's own `updatedAt`, so a refused signature changes nothing.
 */
export async function lockSentVersion(trx: Transaction<Database>, versionId: string, termsSha256: string, updatedAt: string): Promise<boolean> {
  const result = await trx
    .updateTable('contractVersions')
    .set({ updatedAt })
    .where('id', '=', versionId)
    .where('status', '=', 'sent')
    .where('termsSha256', '=', termsSha256)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/**
 * Health systems with active offers at facilities CMS still lists, with how many offers and which
 * procedures: who a coalition can draft a contract with (a coalition has no program to start from,
 * issue 23). Bounded: the catalog's health systems, at most `limit`.
 */
export function listHealthSystemsWithOffers(db: Kysely<Database>, limit = 200) {
  return db
    .selectFrom('offers')
    .innerJoin('facilities', 'facilities.id', 'offers.facilityId')
    .innerJoin('organizations as healthSystem', 'healthSystem.id', 'facilities.healthSystemId')
    .innerJoin('procedures', 'procedures.id', 'offers.procedureId')
    .select(['healthSystem.id as healthSystemId', 'healthSystem.name as healthSystemName', 'procedures.code as procedureCode', 'procedures.name as procedureName'])
    .select((eb) => eb.fn.countAll<number>().as('offers'))
    .where('offers.status', '=', 'active')
    .where('facilities.inactiveSince', 'is', null)
    .where('healthSystem.kind', '=', 'health_system')
    .groupBy(['healthSystem.id', 'healthSystem.name', 'procedures.code', 'procedures.name'])
    .orderBy('healthSystem.name')
    .orderBy('healthSystem.id')
    .orderBy('procedures.code')
    .limit(limit)
    .execute()
}

/**
 * A health system's active offers for these procedures, at its facilities CMS still lists, with
 * everything a draft copies (the offer's own price as the bundle rate): a coalition's draft.
 */
export function listHealthSystemActiveOffers(db: Kysely<Database>, healthSystemId: string, procedureCodes: readonly string[]) {
  if (procedureCodes.length === 0) return Promise.resolve([])
  return db
    .selectFrom('offers')
    .innerJoin('facilities', 'facilities.id', 'offers.facilityId')
    .innerJoin('procedures', 'procedures.id', 'offers.procedureId')
    .select([
      'offers.id as offerId',
      'offers.priceCents as bundlePriceCents',
      'offers.includesFacility',
      'offers.includesSurgeon',
      'offers.includesAnesthesia',
      'offers.includesImplant',
      'offers.includesFollowUp',
      'offers.warrantyDays',
      'offers.appointmentWithinDays',
      'facilities.id as facilityId',
      'procedures.id as procedureId',
      'procedures.code as procedureCode',
    ])
    .where('facilities.healthSystemId', '=', healthSystemId)
    .where('procedures.code', 'in', procedureCodes)
    .where('offers.status', '=', 'active')
    .where('facilities.inactiveSince', 'is', null)
    .orderBy('procedures.code')
    .orderBy('facilities.name')
    .orderBy('offers.id')
    .execute()
}
