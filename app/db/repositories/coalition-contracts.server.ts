import type { Kysely } from 'kysely'
import type { Database } from '~/db/schema'
import type { EmployerScope } from '~/domain/tenancy'

/*
 * A coalition as purchaser of value-based contracts (issue 23, DESIGN §12): its memberships as
 * attribution and allocation read them, the coalition contracts a member employer may adopt, and
 * the statements whose allocation an employer has a line in. The membership rows belong to the
 * coalitions foundation (coalition_memberships); these reads only select from them.
 */

/** The purchaser organization's kind: a coalition contract attributes its member employers' cases. */
export async function findOrganizationKind(db: Kysely<Database>, organizationId: string) {
  const row = await db.selectFrom('organizations').select('kind').where('id', '=', organizationId).executeTakeFirst()
  return row?.kind
}

/** Every membership span of the coalition (accepted: active or ended), with the employer's name, in join order. `leftOn` is the last day. */
export async function listCoalitionMembershipSpans(db: Kysely<Database>, coalitionId: string) {
  const rows = await db
    .selectFrom('coalitionMemberships')
    .innerJoin('organizations as employer', 'employer.id', 'coalitionMemberships.employerOrganizationId')
    .select(['coalitionMemberships.employerOrganizationId as employerId', 'employer.name as employerName', 'coalitionMemberships.joinedOn', 'coalitionMemberships.leftOn'])
    .where('coalitionMemberships.coalitionOrganizationId', '=', coalitionId)
    // Only memberships that were accepted count (active, or ended since): an invitation is not one.
    .where('coalitionMemberships.status', 'in', ['active', 'ended'])
    .where('coalitionMemberships.joinedOn', 'is not', null)
    .orderBy('coalitionMemberships.joinedOn')
    .orderBy('coalitionMemberships.employerOrganizationId')
    .execute()
  return rows.map((row) => ({ ...row, joinedOn: row.joinedOn! }))
}

/** The employer's accepted membership spans in any coalition, with the coalition's name (newest first). */
export async function listEmployerMembershipSpans(db: Kysely<Database>, scope: EmployerScope) {
  const rows = await db
    .selectFrom('coalitionMemberships')
    .innerJoin('organizations as coalition', 'coalition.id', 'coalitionMemberships.coalitionOrganizationId')
    .select(['coalitionMemberships.coalitionOrganizationId as coalitionId', 'coalition.name as coalitionName', 'coalitionMemberships.joinedOn', 'coalitionMemberships.leftOn'])
    .where('coalitionMemberships.employerOrganizationId', '=', scope.employerId)
    .where('coalitionMemberships.status', 'in', ['active', 'ended'])
    .where('coalitionMemberships.joinedOn', 'is not', null)
    .orderBy('coalitionMemberships.joinedOn', 'desc')
    .execute()
  return rows.map((row) => ({ ...row, joinedOn: row.joinedOn! }))
}

/** The active contracts of these coalitions and the terms of the version in force (the newest signed), newest first. */
export function listCoalitionContractsInForce(db: Kysely<Database>, coalitionIds: readonly string[]) {
  if (coalitionIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('contracts')
    .innerJoin('organizations as coalition', 'coalition.id', 'contracts.purchaserOrganizationId')
    .innerJoin('organizations as healthSystem', 'healthSystem.id', 'contracts.healthSystemOrganizationId')
    .innerJoin('contractVersions', 'contractVersions.contractId', 'contracts.id')
    .select([
      'contracts.id',
      'contracts.title',
      'contracts.purchaserOrganizationId as coalitionId',
      'coalition.name as coalitionName',
      'contracts.healthSystemOrganizationId',
      'healthSystem.name as healthSystemName',
      'contractVersions.version',
      'contractVersions.terms',
    ])
    .where('contracts.purchaserOrganizationId', 'in', coalitionIds)
    .where('coalition.kind', '=', 'coalition')
    .where('contracts.status', '=', 'active')
    .where('contractVersions.status', '=', 'signed')
    .where('contractVersions.version', '=', (eb) =>
      eb.selectFrom('contractVersions as signed').select((s) => s.fn.max('signed.version').as('v')).whereRef('signed.contractId', '=', 'contracts.id').where('signed.status', '=', 'signed'),
    )
    .orderBy('contracts.createdAt', 'desc')
    .orderBy('contracts.id')
    .execute()
}

/** A contract of one of these coalitions, whatever its status (to tell "not active" from "not found"). */
export function findCoalitionContract(db: Kysely<Database>, coalitionIds: readonly string[], contractId: string) {
  if (coalitionIds.length === 0) return Promise.resolve(undefined)
  return db
    .selectFrom('contracts')
    .innerJoin('organizations as coalition', 'coalition.id', 'contracts.purchaserOrganizationId')
    .select(['contracts.id', 'contracts.title', 'contracts.status', 'contracts.purchaserOrganizationId as coalitionId', 'coalition.name as coalitionName'])
    .where('contracts.id', '=', contractId)
    .where('contracts.purchaserOrganizationId', 'in', coalitionIds)
    .where('coalition.kind', '=', 'coalition')
    .executeTakeFirst()
}

/**
 * The statements in force of these coalitions' contracts, newest period first, with the names a
 * settlement list shows: what an employer's allocated shares are read from. At most `limit`.
 */
export function listCoalitionStatements(db: Kysely<Database>, coalitionIds: readonly string[], limit: number) {
  if (coalitionIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('contractStatements')
    .innerJoin('contracts', 'contracts.id', 'contractStatements.contractId')
    .innerJoin('contractPeriods', 'contractPeriods.id', 'contractStatements.periodId')
    .innerJoin('organizations as coalition', 'coalition.id', 'contracts.purchaserOrganizationId')
    .innerJoin('organizations as healthSystem', 'healthSystem.id', 'contracts.healthSystemOrganizationId')
    .select([
      'contractStatements.id',
      'contractStatements.statement',
      'contractStatements.settledAt',
      'contractStatements.settledVia',
      'contractStatements.settlementReference',
      'contracts.id as contractId',
      'contracts.title as contractTitle',
      'coalition.name as coalitionName',
      'healthSystem.name as healthSystemName',
      'contractPeriods.sequence',
      'contractPeriods.periodStart',
      'contractPeriods.periodEnd',
    ])
    .where('contracts.purchaserOrganizationId', 'in', coalitionIds)
    .where('coalition.kind', '=', 'coalition')
    .where('contractStatements.supersededByStatementId', 'is', null)
    .orderBy('contractPeriods.periodEnd', 'desc')
    .orderBy('contractStatements.id')
    .limit(limit)
    .execute()
}

/** The newest version's benefit and travel rules of the employer's most recently created program (what an adopted network keeps). */
export function findLatestProgramRules(db: Kysely<Database>, scope: EmployerScope) {
  return db
    .selectFrom('programs')
    .innerJoin('programVersions', 'programVersions.programId', 'programs.id')
    .innerJoin('programBenefitRules', 'programBenefitRules.programVersionId', 'programVersions.id')
    .innerJoin('programTravelRules', 'programTravelRules.programVersionId', 'programVersions.id')
    .select([
      'programs.name as programName',
      'programVersions.version',
      'programBenefitRules.deductibleWaived',
      'programBenefitRules.coinsuranceWaived',
      'programBenefitRules.coeCopayCents',
      'programBenefitRules.completionIncentiveCents',
      'programBenefitRules.outsideRule',
      'programBenefitRules.outsideCoinsuranceRate',
      'programTravelRules.minDistanceMiles',
      'programTravelRules.companionCovered',
      'programTravelRules.flyThresholdMiles',
      'programTravelRules.mileageRateCents',
      'programTravelRules.airfareAllowanceCents',
      'programTravelRules.lodgingNights',
      'programTravelRules.lodgingNightlyCapCents',
      'programTravelRules.mealsPerDiemCents',
      'programTravelRules.travelCapCents',
    ])
    .where('programs.employerId', '=', scope.employerId)
    .orderBy('programs.createdAt', 'desc')
    .orderBy('programVersions.version', 'desc')
    .executeTakeFirst()
}

/** Active offers of the health system at these facilities for these procedures, valid on `onDate`. */
export function listOffersAtFacilities(db: Kysely<Database>, healthSystemId: string, facilityIds: readonly string[], procedureCodes: readonly string[], onDate: string) {
  if (facilityIds.length === 0 || procedureCodes.length === 0) return Promise.resolve([])
  return db
    .selectFrom('offers')
    .innerJoin('facilities', 'facilities.id', 'offers.facilityId')
    .innerJoin('procedures', 'procedures.id', 'offers.procedureId')
    .select(['offers.id as offerId', 'procedures.id as procedureId', 'procedures.code as procedureCode', 'facilities.id as facilityId'])
    .where('facilities.healthSystemId', '=', healthSystemId)
    .where('facilities.id', 'in', facilityIds)
    .where('procedures.code', 'in', procedureCodes)
    .where('offers.status', '=', 'active')
    .where('offers.validFrom', '<=', onDate)
    .where((eb) => eb.or([eb('offers.validTo', 'is', null), eb('offers.validTo', '>=', onDate)]))
    .orderBy('procedures.code')
    .orderBy('facilities.name')
    .orderBy('offers.id')
    .execute()
}
