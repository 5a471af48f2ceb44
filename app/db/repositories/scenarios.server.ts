import type { Insertable, Kysely } from 'kysely'
import type { Database, ProposalsTable, ScenariosTable } from '~/db/schema'
import type { EmployerScope } from '~/domain/tenancy'
import { OFFER_FACILITY_COLUMNS } from './programs.server'

/** A broker firm's scenarios for one client (scope = the client, checked by the guard). */
export function listScenarios(db: Kysely<Database>, scope: EmployerScope, brokerOrganizationId: string) {
  return db
    .selectFrom('scenarios')
    .select(['id', 'name', 'document', 'createdAt', 'updatedAt'])
    .where('employerId', '=', scope.employerId)
    .where('brokerOrganizationId', '=', brokerOrganizationId)
    .orderBy('createdAt')
    .execute()
}

export function findScenario(db: Kysely<Database>, scope: EmployerScope, brokerOrganizationId: string, scenarioId: string) {
  return db
    .selectFrom('scenarios')
    .select(['id', 'name', 'document', 'createdAt', 'updatedAt'])
    .where('id', '=', scenarioId)
    .where('employerId', '=', scope.employerId)
    .where('brokerOrganizationId', '=', brokerOrganizationId)
    .executeTakeFirst()
}

export function insertScenario(db: Kysely<Database>, row: Insertable<ScenariosTable>) {
  return db.insertInto('scenarios').values(row).execute()
}

export async function updateScenario(
  db: Kysely<Database>,
  scope: EmployerScope,
  brokerOrganizationId: string,
  scenarioId: string,
  changes: Partial<Pick<ScenariosTable, 'name' | 'document' | 'updatedAt'>>,
) {
  const result = await db
    .updateTable('scenarios')
    .set(changes)
    .where('id', '=', scenarioId)
    .where('employerId', '=', scope.employerId)
    .where('brokerOrganizationId', '=', brokerOrganizationId)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/** Offers (any status) with facility and procedure, shaped like a program version's network rows. */
export function listOffersAsNetwork(db: Kysely<Database>, offerIds: readonly string[]) {
  if (offerIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('offers')
    .innerJoin('facilities', 'facilities.id', 'offers.facilityId')
    .innerJoin('procedures', 'procedures.id', 'offers.procedureId')
    .select([
      'offers.id as offerId', 'offers.priceCents as bundlePriceCents', 'offers.status as offerStatus', 'offers.validFrom', 'offers.validTo',
      ...OFFER_FACILITY_COLUMNS, 'procedures.id as procedureId', 'procedures.code as procedureCode', 'procedures.name as procedureName',
    ])
    .where('offers.id', 'in', offerIds)
    .orderBy('procedures.code')
    .orderBy('facilities.name')
    .execute()
}

export function insertProposal(db: Kysely<Database>, row: Insertable<ProposalsTable>) {
  return db.insertInto('proposals').values(row).execute()
}

const PROPOSAL_COLUMNS = [
  'id', 'employerId', 'brokerOrganizationId', 'title', 'recommendedScenarioId', 'recommendedDocument', 'snapshot', 'createdAt', 'sharedAt', 'adoptedAt',
  'adoptedProgramId',
] as const

/** The broker firm's proposals for a client. */
export function listBrokerProposals(db: Kysely<Database>, scope: EmployerScope, brokerOrganizationId: string) {
  return db
    .selectFrom('proposals')
    .select(PROPOSAL_COLUMNS)
    .where('employerId', '=', scope.employerId)
    .where('brokerOrganizationId', '=', brokerOrganizationId)
    .orderBy('createdAt', 'desc')
    .execute()
}

export function findBrokerProposal(db: Kysely<Database>, scope: EmployerScope, brokerOrganizationId: string, proposalId: string) {
  return db
    .selectFrom('proposals')
    .select(PROPOSAL_COLUMNS)
    .where('id', '=', proposalId)
    .where('employerId', '=', scope.employerId)
    .where('brokerOrganizationId', '=', brokerOrganizationId)
    .executeTakeFirst()
}

/** Proposals shared with this employer (the client's admins see only shared ones). */
export function listSharedProposals(db: Kysely<Database>, scope: EmployerScope) {
  return db
    .selectFrom('proposals')
    .innerJoin('organizations as broker', 'broker.id', 'proposals.brokerOrganizationId')
    .select(['proposals.id', 'proposals.title', 'proposals.sharedAt', 'proposals.adoptedAt', 'proposals.adoptedProgramId', 'broker.name as brokerName'])
    .where('proposals.employerId', '=', scope.employerId)
    .where('proposals.sharedAt', 'is not', null)
    .orderBy('proposals.sharedAt', 'desc')
    .execute()
}

export function findSharedProposal(db: Kysely<Database>, scope: EmployerScope, proposalId: string) {
  return db
    .selectFrom('proposals')
    .select(PROPOSAL_COLUMNS)
    .where('id', '=', proposalId)
    .where('employerId', '=', scope.employerId)
    .where('sharedAt', 'is not', null)
    .executeTakeFirst()
}

export async function updateProposal(db: Kysely<Database>, proposalId: string, changes: Partial<Pick<ProposalsTable, 'sharedAt' | 'adoptedAt' | 'adoptedProgramId'>>, onlyIf: 'unshared' | 'unadopted') {
  const result = await db
    .updateTable('proposals')
    .set(changes)
    .where('id', '=', proposalId)
    .where(onlyIf === 'unshared' ? 'sharedAt' : 'adoptedAt', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/** Broker firms an employer may grant, with the grant in force if any. */
export function listBrokerFirmsForEmployer(db: Kysely<Database>, scope: EmployerScope) {
  return db
    .selectFrom('organizations')
    .leftJoin('brokerClients', (join) =>
      join.onRef('brokerClients.brokerOrganizationId', '=', 'organizations.id').on('brokerClients.employerOrganizationId', '=', scope.employerId).on('brokerClients.revokedAt', 'is', null),
    )
    .select(['organizations.id', 'organizations.name', 'brokerClients.id as grantId', 'brokerClients.grantedAt'])
    .where('organizations.kind', '=', 'broker')
    .orderBy('organizations.name')
    .execute()
}

/** Grants access: reinstates a revoked grant (one row per broker and employer), or adds one. */
export async function grantBrokerAccess(db: Kysely<Database>, row: Insertable<Database['brokerClients']>) {
  const result = await db
    .updateTable('brokerClients')
    .set({ revokedAt: null, grantedAt: row.grantedAt, grantedByUserId: row.grantedByUserId ?? null })
    .where('brokerOrganizationId', '=', row.brokerOrganizationId)
    .where('employerOrganizationId', '=', row.employerOrganizationId)
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) === 0) await db.insertInto('brokerClients').values(row).execute()
}

export async function revokeBrokerGrant(db: Kysely<Database>, scope: EmployerScope, brokerOrganizationId: string, at: string) {
  const result = await db
    .updateTable('brokerClients')
    .set({ revokedAt: at })
    .where('employerOrganizationId', '=', scope.employerId)
    .where('brokerOrganizationId', '=', brokerOrganizationId)
    .where('revokedAt', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}
