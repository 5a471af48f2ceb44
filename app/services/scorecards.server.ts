import { z } from 'zod'
import { getDb } from '~/db/client.server'
import { insertAuditEntry } from '~/db/repositories/audit.server'
import { listMeasuresOfFacilities } from '~/db/repositories/care.server'
import { listContractsInForce } from '~/db/repositories/contracts-in-force.server'
import { findOrganization } from '~/db/repositories/organizations.server'
import {
  findHealthSystem,
  listEmployerNames,
  listScorecardHealthSystems,
  listScorecardOffers,
  unscopedListCurrentStatements,
  updatePublishesReconciledResults,
} from '~/db/repositories/scorecards.server'
import { assembleScorecard, type ReconciledStatementFacts, type ScorecardFacility } from '~/domain/contracts/scorecard'
import { ContractTermsSchema, WARRANTY_COVERAGE } from '~/domain/contracts/terms'
import { toIsoDate } from '~/domain/dates'
import type { NationalComparison } from '~/domain/quality'
import type { Actor, ScorecardViewer } from '~/domain/tenancy'
import { US_STATE_NAMES } from '~/domain/us-states'
import { comparisonValue, type ScorecardComparison } from '~/forms/scorecard'
import { notFound } from '~/http/responses.server'
import { countOf } from '~/ui/format'
import { typicalLocalPrices } from './typical-prices.server'

/*
 * Value scorecards (issue 21, DESIGN §11): one page per health system, the same for every viewer
 * but for which typical price its bundles are compared with by default (an employer: where its
 * members live; a broker: nationally, or where a client's members live; the health system:
 * nationally), and said in words. Reconciled results show only when the health system allows it.
 */

const LIST_PAGE_SIZE = 50
/** Facilities listed on a scorecard (page and PDF); the procedure rows cover every one. */
export const SCORECARD_FACILITY_LIMIT = 100

/** The health systems with offers in force, a page at a time; a health system sees only its own. */
export async function listScorecards(viewer: ScorecardViewer, page: number, now = new Date()) {
  const rows = await listScorecardHealthSystems(getDb(), toIsoDate(now), {
    limit: LIST_PAGE_SIZE + 1,
    offset: (page - 1) * LIST_PAGE_SIZE,
    ...(viewer.kind === 'health_system' ? { healthSystemId: viewer.healthSystemId } : {}),
  })
  return {
    healthSystems: rows.slice(0, LIST_PAGE_SIZE).map((row) => ({ id: row.id, name: row.name, facilities: Number(row.facilities), procedures: Number(row.procedures) })),
    page,
    hasNext: rows.length > LIST_PAGE_SIZE,
  }
}

/** The part of a stored statement (StatementDocument, app/domain/contracts/statement.ts) the scorecard reads. */
const StatementGoalsSchema = z.object({ reconciliation: z.object({ goals: z.array(z.object({ isMet: z.boolean() })) }) })

/** A stored statement's header and, when its output lists them, how many of its goals were met. */
function statementFacts(row: Awaited<ReturnType<typeof unscopedListCurrentStatements>>[number]): ReconciledStatementFacts {
  let goals: ReconciledStatementFacts['goals'] = null
  const parsed = StatementGoalsSchema.safeParse(JSON.parse(row.statement))
  if (parsed.success) goals = { met: parsed.data.reconciliation.goals.filter((goal) => goal.isMet).length, total: parsed.data.reconciliation.goals.length }
  return {
    episodeCount: Number(row.episodeCount),
    totalBenchmarkCents: Number(row.totalBenchmarkCents),
    grossSavingsCents: Number(row.grossSavingsCents),
    settlementCents: Number(row.settlementCents),
    goals,
  }
}

type Choice = Exclude<ScorecardComparison, { kind: 'default' }>

/** What the viewer compares with when it does not choose, and what it may choose. */
function resolveComparison(viewer: ScorecardViewer, asked: ScorecardComparison): { choice: Choice; note: string | null } {
  const fallback: Choice = viewer.kind === 'employer' ? { kind: 'employer', employerId: viewer.employerId } : { kind: 'national' }
  if (asked.kind === 'default') return { choice: fallback, note: null }
  if (asked.kind !== 'employer') return { choice: asked, note: null }
  if (viewer.kind === 'employer') {
    return asked.employerId === viewer.employerId ? { choice: asked, note: null } : { choice: fallback, note: "You can compare with where your own members live, not another employer's." }
  }
  if (viewer.kind === 'broker') {
    return viewer.clientEmployerIds.includes(asked.employerId)
      ? { choice: asked, note: null }
      : { choice: fallback, note: 'Only a client that gave your firm access can be compared with: showing the national typical price.' }
  }
  return { choice: fallback, note: "Where an employer's members live is shown only to that employer and its brokers: showing the national typical price." }
}

const NATIONAL_TEXT =
  "The national typical price: the median of every facility's typical commercial price (Medicare's episode base × the facility's CMS spending-per-beneficiary index × the commercial multiplier)."

/** The scorecard page (and PDF) of one health system for this viewer: 404 for a system with no such id. */
export async function getScorecard(viewer: ScorecardViewer, healthSystemId: string, asked: ScorecardComparison, now = new Date()) {
  const db = getDb()
  const today = toIsoDate(now)
  const system = await findHealthSystem(db, healthSystemId)
  if (!system) throw notFound('Health system')
  const offers = await listScorecardOffers(db, system.id, today)
  const facilityIds = [...new Set(offers.map((offer) => offer.facilityId))]
  const procedures = [...new Map(offers.map((offer) => [offer.procedureId, { id: offer.procedureId, code: offer.procedureCode }])).values()]
  const { choice, note } = resolveComparison(viewer, asked)
  const comparedEmployerId = choice.kind === 'employer' ? choice.employerId : null
  const isPublished = system.publishesReconciledResults === 1
  const [measures, prices, statements, comparedEmployer, clients, contracts] = await Promise.all([
    listMeasuresOfFacilities(db, facilityIds),
    typicalLocalPrices(db, comparedEmployerId === null ? null : { employerId: comparedEmployerId }, procedures, today),
    isPublished ? unscopedListCurrentStatements(db, system.id) : Promise.resolve(null),
    comparedEmployerId === null ? Promise.resolve(undefined) : findOrganization(db, comparedEmployerId),
    viewer.kind === 'broker' ? listEmployerNames(db, viewer.clientEmployerIds) : Promise.resolve([]),
    viewer.kind === 'employer' ? listContractsInForce(db, viewer.employerId, system.id) : Promise.resolve([]),
  ])

  // Which typical price, in words.
  let typicalPriceCents: Record<string, number | undefined> = prices.national
  let basis: { label: string; text: string } = { label: 'national typical price', text: NATIONAL_TEXT }
  if (choice.kind === 'state') {
    const stateName = US_STATE_NAMES[choice.state]!
    typicalPriceCents = prices.forState(choice.state)
    basis = {
      label: `typical price in ${stateName}`,
      text: `The typical local price in ${stateName}: the median of its facilities' typical commercial prices (the national typical price for a procedure ${stateName} has none for).`,
    }
  } else if (choice.kind === 'employer') {
    const name = comparedEmployer?.name ?? 'The employer'
    const unplaced = prices.members - prices.placedMembers
    if (prices.placedMembers === 0) {
      basis = { label: 'national typical price', text: `${name} has no covered member whose home ZIP code is known, so this is the national typical price. ${NATIONAL_TEXT}` }
    } else {
      typicalPriceCents = prices.forMembers
      basis = {
        label: `typical local price where ${name}'s members live`,
        text:
          `The typical local price where ${name}'s ${countOf(prices.placedMembers, 'covered member')} ${prices.placedMembers === 1 ? 'lives' : 'live'}: each state's typical price (its median, or the national one where a state has none), weighted by how many of them live there` +
          `${unplaced > 0 ? `; ${countOf(unplaced, 'member')} whose ZIP code is not known ${unplaced === 1 ? 'is' : 'are'} left out` : ''}. A procedure none of them has a price for uses the national typical price.`,
      }
    }
  }

  const byFacility = new Map<string, Array<{ measureCode: string; value: number | null; comparison: string | null }>>()
  for (const measure of measures) byFacility.set(measure.facilityId, [...(byFacility.get(measure.facilityId) ?? []), measure])
  const comparisonOf = (facilityId: string, code: string) => (byFacility.get(facilityId)?.find((m) => m.measureCode === code)?.comparison ?? 'not_available') as NationalComparison
  const facilities: ScorecardFacility[] = [...new Map(offers.map((offer) => [offer.facilityId, offer])).values()].map((offer) => ({
    facilityId: offer.facilityId,
    name: offer.facilityName,
    city: offer.city,
    state: offer.state,
    starRating: offer.starRating,
    complication: comparisonOf(offer.facilityId, 'COMP_HIP_KNEE'),
    readmission: comparisonOf(offer.facilityId, 'READM_30_HIP_KNEE'),
    excessReadmissionRatio: byFacility.get(offer.facilityId)?.find((m) => m.measureCode === 'READM_30_HIP_KNEE_HRRP')?.value ?? null,
  }))
  const scorecard = assembleScorecard({
    facilities,
    offers: offers.map((offer) => ({
      facilityId: offer.facilityId,
      procedureCode: offer.procedureCode,
      procedureName: offer.procedureName,
      priceCents: offer.priceCents,
      annualVolume: offer.annualVolume,
      appointmentWithinDays: offer.appointmentWithinDays,
      warrantyDays: offer.warrantyDays,
      isDemo: offer.isDemo === 1,
    })),
    typicalPriceCents,
    statements: statements === null ? null : statements.map(statementFacts),
    facilityLimit: SCORECARD_FACILITY_LIMIT,
  })

  const stateChoices = Object.entries(US_STATE_NAMES)
    .sort(([, a], [, b]) => a.localeCompare(b))
    .map(([code, name]) => ({ value: comparisonValue({ kind: 'state', state: code }), label: `Typical price in ${name}` }))
  const choices = [
    ...(viewer.kind === 'employer' ? [{ value: comparisonValue({ kind: 'employer', employerId: viewer.employerId }), label: 'Where your members live' }] : []),
    { value: 'national', label: 'National typical price' },
    ...clients.map((client) => ({ value: comparisonValue({ kind: 'employer', employerId: client.id }), label: `Where ${client.name}'s members live` })),
    ...stateChoices,
  ]

  return {
    healthSystem: { id: system.id, name: system.name },
    viewerKind: viewer.kind,
    isPublished,
    generatedOn: today,
    basis,
    comparison: { value: comparisonValue(choice), note, choices },
    scorecard,
    contracts: contracts.map((contract) => {
      const terms = ContractTermsSchema.parse(JSON.parse(contract.terms))
      return {
        id: contract.id,
        title: contract.title,
        version: Number(contract.version),
        warrantyDays: terms.warranty.windowDays,
        warrantyCovers: WARRANTY_COVERAGE.filter((kind) => terms.warranty.covers.includes(kind)),
        accessGuaranteeDays: terms.accessGuaranteeDays,
      }
    }),
  }
}

export type ScorecardView = Awaited<ReturnType<typeof getScorecard>>

/**
 * The health system's admin lets others see its reconciled contract results on its scorecard, or
 * withdraws them; audited. Choosing what is already so changes nothing.
 */
export async function setReconciledResultsShown(actor: Actor, healthSystemId: string, isShown: boolean, now = new Date()) {
  const at = now.toISOString()
  await getDb()
    .transaction()
    .execute(async (trx) => {
      if (!(await updatePublishesReconciledResults(trx, healthSystemId, isShown ? 1 : 0))) return
      await insertAuditEntry(trx, actor, {
        action: isShown ? 'scorecard.results_shown' : 'scorecard.results_withdrawn',
        subjectType: 'organization',
        subjectId: healthSystemId,
        employerId: null,
        at,
      })
    })
}
