import { sql, type Kysely } from 'kysely'
import type { Database } from '~/db/schema'
import type { EpisodeCaseFacts, MembershipSpan } from '~/domain/contracts/attribution'
import type { ContractClaim } from '~/domain/contracts/precedence'
import { ContractTermsSchema, type ContractTerms } from '~/domain/contracts/terms'

/** The cases that may be a contract's episodes: the purchaser's, completed, at these facilities, for these procedures, with the procedure date in [from, to]. */
export interface AttributionQuery {
  /** The purchaser's employers (the employer itself; a coalition's member employers later). */
  employerIds: readonly string[]
  facilityIds: readonly string[]
  procedureCodes: readonly string[]
  from: string
  to: string
}

/**
 * Completed cases a contract may attribute, with the incentive invoiced for each and the
 * contract's warranty events summed (cost elsewhere, credited). Bounded by one purchaser's
 * completed cases in one period; `attributeCase` (app/domain/contracts/attribution.ts) decides.
 */
export async function listAttributableCases(db: Kysely<Database>, contractId: string, query: AttributionQuery): Promise<EpisodeCaseFacts[]> {
  if (query.employerIds.length === 0 || query.facilityIds.length === 0 || query.procedureCodes.length === 0) return []
  const rows = await db
    .selectFrom('cases')
    .innerJoin('procedures', 'procedures.id', 'cases.procedureId')
    .select((eb) => [
      'cases.id as caseId',
      'cases.employerId',
      'cases.rosterMemberId',
      'procedures.code as procedureCode',
      'procedures.typicalNights',
      'cases.facilityId',
      'cases.requestedAt',
      'cases.procedureDate',
      'cases.bundlePriceCents',
      'cases.travelActualCents',
      'cases.hadComplication',
      'cases.wasReadmitted',
      'cases.satisfaction',
      'cases.hasPatientReportedOutcomes',
      'cases.firstConsultDate',
      eb
        .selectFrom('invoiceLines')
        .innerJoin('invoices', 'invoices.id', 'invoiceLines.invoiceId')
        .select(sql<number>`coalesce(sum(invoice_lines.amount_cents), 0)`.as('total'))
        .whereRef('invoices.caseId', '=', 'cases.id')
        .where('invoiceLines.kind', '=', 'incentive')
        .as('incentiveCents'),
      eb
        .selectFrom('caseWarrantyEvents')
        .select(sql<number>`coalesce(sum(case_warranty_events.cost_cents), 0)`.as('total'))
        .whereRef('caseWarrantyEvents.caseId', '=', 'cases.id')
        .where('caseWarrantyEvents.contractId', '=', contractId)
        .where('caseWarrantyEvents.place', '=', 'elsewhere')
        .as('warrantyElsewhereCostCents'),
      eb
        .selectFrom('caseWarrantyEvents')
        .select(sql<number>`coalesce(sum(case_warranty_events.credited_cents), 0)`.as('total'))
        .whereRef('caseWarrantyEvents.caseId', '=', 'cases.id')
        .where('caseWarrantyEvents.contractId', '=', contractId)
        .as('warrantyCreditedCents'),
    ])
    .where('cases.status', '=', 'completed')
    .where('cases.employerId', 'in', query.employerIds)
    .where('cases.facilityId', 'in', query.facilityIds)
    .where('procedures.code', 'in', query.procedureCodes)
    .where('cases.procedureDate', '>=', query.from)
    .where('cases.procedureDate', '<=', query.to)
    .orderBy('cases.procedureDate')
    .orderBy('cases.id')
    .execute()
  return rows.map((row) => ({
    ...row,
    procedureDate: row.procedureDate!,
    incentiveCents: Number(row.incentiveCents ?? 0),
    warrantyElsewhereCostCents: Number(row.warrantyElsewhereCostCents ?? 0),
    warrantyCreditedCents: Number(row.warrantyCreditedCents ?? 0),
    hadComplication: row.hadComplication === null ? null : row.hadComplication === 1,
    wasReadmitted: row.wasReadmitted === null ? null : row.wasReadmitted === 1,
    hasPatientReportedOutcomes: row.hasPatientReportedOutcomes === null ? null : row.hasPatientReportedOutcomes === 1,
  }))
}

/** The names an extract's FHIR form shows beside the codes (issue 23, ADR 0019): the contract's procedures and network facilities. */
export async function listExtractCatalogNames(db: Kysely<Database>, query: { procedureCodes: readonly string[]; facilityIds: readonly string[] }) {
  const [procedures, facilities] = await Promise.all([
    query.procedureCodes.length === 0 ? [] : db.selectFrom('procedures').select(['code', 'name', 'typicalNights']).where('code', 'in', [...query.procedureCodes]).execute(),
    query.facilityIds.length === 0 ? [] : db.selectFrom('facilities').select(['id', 'name']).where('id', 'in', [...query.facilityIds]).execute(),
  ])
  return {
    procedures: new Map(procedures.map((row) => [row.code, { name: row.name, typicalNights: Number(row.typicalNights) }])),
    facilities: new Map(facilities.map((row) => [row.id, { name: row.name }])),
  }
}

/**
 * Every contract in force that may claim a case of these employers (issue 23, ADR 0021): active,
 * with a signed version, its purchaser one of the employers or a coalition one of them was an
 * accepted member of, with the latest signed version's terms, when its first version was signed,
 * and for a coalition the employers' spans in it. Two queries whatever the number of cases;
 * owningClaimOf / takenFrom (app/domain/contracts/precedence.ts) decide case by case.
 */
export async function listContractClaims(db: Kysely<Database>, employerIds: readonly string[]): Promise<Array<ContractClaim & { terms: ContractTerms }>> {
  if (employerIds.length === 0) return []
  const spans = await db
    .selectFrom('coalitionMemberships')
    .select(['coalitionOrganizationId as coalitionId', 'employerOrganizationId as employerId', 'joinedOn', 'leftOn'])
    .where('employerOrganizationId', 'in', [...employerIds])
    .where('status', 'in', ['active', 'ended'])
    .where('joinedOn', 'is not', null)
    .execute()
  const byCoalition = new Map<string, MembershipSpan[]>()
  for (const span of spans) {
    const list = byCoalition.get(span.coalitionId) ?? []
    list.push({ employerId: span.employerId, joinedOn: span.joinedOn!, leftOn: span.leftOn })
    byCoalition.set(span.coalitionId, list)
  }
  const rows = await db
    .selectFrom('contracts')
    .innerJoin('contractVersions', 'contractVersions.contractId', 'contracts.id')
    .select(['contracts.id as contractId', 'contracts.purchaserOrganizationId', 'contractVersions.version', 'contractVersions.terms', 'contractVersions.signedAt'])
    .where('contracts.status', '=', 'active')
    .where('contracts.purchaserOrganizationId', 'in', [...new Set([...employerIds, ...byCoalition.keys()])])
    .where('contractVersions.status', '=', 'signed')
    .orderBy('contracts.id')
    .orderBy('contractVersions.version')
    .execute()
  const claims = new Map<string, { contractId: string; purchaserOrganizationId: string; firstSignedAt: string; terms: string }>()
  for (const row of rows) {
    const known = claims.get(row.contractId)
    const signedAt = row.signedAt ?? ''
    // Ordered by version: the last row is the latest signed version; the first signature is the earliest.
    claims.set(row.contractId, {
      contractId: row.contractId,
      purchaserOrganizationId: row.purchaserOrganizationId,
      firstSignedAt: known === undefined || (signedAt !== '' && signedAt < known.firstSignedAt) ? signedAt : known.firstSignedAt,
      terms: row.terms,
    })
  }
  return [...claims.values()].map((claim) => ({
    contractId: claim.contractId,
    purchaserOrganizationId: claim.purchaserOrganizationId,
    memberships: byCoalition.get(claim.purchaserOrganizationId) ?? null,
    firstSignedAt: claim.firstSignedAt,
    terms: ContractTermsSchema.parse(JSON.parse(claim.terms)),
  }))
}

/**
 * The cases that are episodes of these contracts' closed periods (case id → contract id), read
 * from the episodes each close stored: one query over the contracts' periods (ADR 0021).
 */
export async function listClosedEpisodeOwners(db: Kysely<Database>, contractIds: readonly string[]): Promise<Map<string, string>> {
  const owners = new Map<string, string>()
  if (contractIds.length === 0) return owners
  const rows = await db
    .selectFrom('contractPeriods')
    .select(['contractId', 'episodes'])
    .where('contractId', 'in', [...contractIds])
    .where('status', '!=', 'open')
    .where('episodes', 'is not', null)
    .orderBy('contractId')
    .orderBy('sequence')
    .execute()
  for (const row of rows) {
    for (const record of JSON.parse(row.episodes!) as Array<{ episode: { caseId: string } }>) {
      if (!owners.has(record.episode.caseId)) owners.set(record.episode.caseId, row.contractId)
    }
  }
  return owners
}
