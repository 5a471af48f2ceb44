import { sql, type Kysely } from 'kysely'
import type { Database } from '~/db/schema'
import type { EpisodeCaseFacts } from '~/domain/contracts/attribution'

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
