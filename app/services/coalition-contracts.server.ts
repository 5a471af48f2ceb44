import type { Kysely } from 'kysely'
import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import { insertAuditEntry } from '~/db/repositories/audit.server'
import {
  findCoalitionContract,
  findLatestProgramRules,
  findOrganizationKind,
  listCoalitionContractsInForce,
  listCoalitionMembershipSpans,
  listCoalitionStatements,
  listEmployerMembershipSpans,
  listOffersAtFacilities,
} from '~/db/repositories/coalition-contracts.server'
import { listHealthSystemActiveOffers, listHealthSystemsWithOffers } from '~/db/repositories/contracts.server'
import { insertProgram, insertProgramVersion, replaceVersionNetwork, replaceVersionProcedures, saveBenefitRules, saveTravelRules } from '~/db/repositories/programs.server'
import type { Database } from '~/db/schema'
import { allocateSettlement } from '~/domain/contracts/allocation'
import { wasMemberOn, type EpisodeRecord, type MembershipSpan } from '~/domain/contracts/attribution'
import { draftContractTerms, type NetworkOffer } from '~/domain/contracts/draft'
import { periodLabel, StatementDocumentSchema, type StatementAllocationLine } from '~/domain/contracts/statement'
import { ContractTermsSchema } from '~/domain/contracts/terms'
import { toIsoDate } from '~/domain/dates'
import type { Actor, EmployerScope } from '~/domain/tenancy'
import { inclusionsOf, insertDraftContract } from './contracts.server'
import { DEFAULT_BENEFIT_RULES, DEFAULT_TRAVEL_RULES } from './programs.server'
import { typicalLocalPrices } from './typical-prices.server'

/*
 * A coalition as purchaser (issue 23, DESIGN §12, ADR 0016): the coalition admin drafts a contract
 * with a health system from its offers (a coalition has no program); the contract's episodes are
 * its member employers' cases while they were members; its settlement is allocated to them by
 * episodes (allocateSettlement); each employer sees its own share; and a member employer adopts the
 * network and rates of a coalition contract in force into a draft program of its own, its benefit
 * and travel rules staying its own.
 */

/** The health systems a coalition can draft with, each with the procedures it offers. */
export async function getCoalitionContractOptions() {
  const rows = await listHealthSystemsWithOffers(getDb())
  const systems = new Map<string, { id: string; name: string; procedures: Array<{ code: string; name: string; offers: number }> }>()
  for (const row of rows) {
    const system = systems.get(row.healthSystemId) ?? { id: row.healthSystemId, name: row.healthSystemName, procedures: [] }
    system.procedures.push({ code: row.procedureCode, name: row.procedureName, offers: Number(row.offers) })
    systems.set(row.healthSystemId, system)
  }
  return { healthSystems: [...systems.values()] }
}

/**
 * A coalition's draft with a health system: its active offers for the chosen procedures as the
 * network and rates (the lowest per procedure, as for an employer's draft), the typical local
 * prices where the current members' covered members live as benchmarks. Audited.
 */
export async function createCoalitionContractDraft(
  actor: Actor,
  coalitionId: string,
  input: { healthSystemId: string; procedureCodes: readonly string[]; title: string },
  now = new Date(),
): Promise<{ ok: true; contractId: string } | { ok: false; fieldErrors: Record<string, string[]> }> {
  const db = getDb()
  const today = toIsoDate(now)
  const rows = await listHealthSystemActiveOffers(db, input.healthSystemId, [...new Set(input.procedureCodes)])
  if (rows.length === 0) return { ok: false, fieldErrors: { procedureCodes: ['Choose procedures the health system has active offers for'] } }
  const members = (await listCoalitionMembershipSpans(db, coalitionId)).filter((span) => wasMemberOn([span], span.employerId, today))
  const procedures = [...new Map(rows.map((row) => [row.procedureId, { id: row.procedureId, code: row.procedureCode }])).values()]
  const { forMembers: benchmarkCents } = await typicalLocalPrices(db, [...new Set(members.map((member) => member.employerId))].map((employerId) => ({ employerId })), procedures, today)
  const offers: NetworkOffer[] = rows.map((row) => ({
    offerId: row.offerId,
    facilityId: row.facilityId,
    procedureCode: row.procedureCode,
    bundleCents: row.bundlePriceCents,
    includes: inclusionsOf(row),
    warrantyDays: row.warrantyDays,
    appointmentWithinDays: row.appointmentWithinDays,
  }))
  const terms = draftContractTerms({ offers, benchmarkCents, today })
  const contractId = await insertDraftContract(
    db,
    actor,
    { purchaserOrganizationId: coalitionId, healthSystemOrganizationId: input.healthSystemId, title: input.title, sourceProgramId: null, terms },
    now,
  )
  return { ok: true, contractId }
}

/**
 * Whose cases a contract attributes: an employer's own, or, when the purchaser is a coalition, the
 * cases of every employer that was a member at some time from `from` to `to`, with the coalition's
 * membership spans (attributeCase then checks the member on each procedure date).
 */
export async function attributionScopeOf(
  db: Kysely<Database>,
  purchaserOrganizationId: string,
  from: string,
  to: string,
): Promise<{ employerIds: string[]; memberships: Array<MembershipSpan & { employerName: string }> | null }> {
  if ((await findOrganizationKind(db, purchaserOrganizationId)) !== 'coalition') return { employerIds: [purchaserOrganizationId], memberships: null }
  const spans = (await listCoalitionMembershipSpans(db, purchaserOrganizationId)).filter((span) => span.joinedOn <= to && (span.leftOn === null || span.leftOn >= from))
  return { employerIds: [...new Set(spans.map((span) => span.employerId))], memberships: spans }
}

/**
 * A coalition statement's allocation: every employer that was a member during the attributed
 * dates (0 episodes included), its episodes among the records, and its share of the settlement by
 * the largest remainder (allocateSettlement), in the order of the members' names.
 */
export function allocationOf(settlementCents: number, members: ReadonlyArray<{ employerId: string; employerName: string }>, records: readonly EpisodeRecord[]): StatementAllocationLine[] {
  const names = new Map(members.map((member) => [member.employerId, member.employerName]))
  const counts = new Map<string, number>([...names.keys()].map((id) => [id, 0]))
  for (const record of records) {
    if (record.employerId === undefined || !names.has(record.employerId)) throw new Error(`episode ${record.episode.caseId} has no member employer`)
    counts.set(record.employerId, counts.get(record.employerId)! + 1)
  }
  const ordered = [...counts.entries()]
    .map(([employerId, episodes]) => ({ employerId, episodes }))
    .sort((a, b) => names.get(a.employerId)!.localeCompare(names.get(b.employerId)!) || (a.employerId < b.employerId ? -1 : 1))
  return allocateSettlement(settlementCents, ordered).map((line) => ({ ...line, employerName: names.get(line.employerId)! }))
}

/** Statements an employer's settlement page reads at most (newest periods first). */
const SETTLEMENTS_SHOWN = 100

/**
 * The employer's own shares of its coalitions' reconciled periods (issue 23): for each statement
 * with a line for this employer, that line only, never another member's, plus the period, the
 * contract and whether the coalition has settled it.
 */
export async function listEmployerCoalitionSettlements(scope: EmployerScope) {
  const db = getDb()
  const spans = await listEmployerMembershipSpans(db, scope)
  const coalitions = [...new Map(spans.map((span) => [span.coalitionId, { id: span.coalitionId, name: span.coalitionName }])).values()]
  const statements = await listCoalitionStatements(db, coalitions.map((coalition) => coalition.id), SETTLEMENTS_SHOWN)
  const shares = statements.flatMap((row) => {
    const document = StatementDocumentSchema.parse(JSON.parse(row.statement))
    const own = document.allocation?.find((line) => line.employerId === scope.employerId)
    if (!own) return []
    return [
      {
        statementId: row.id,
        coalitionName: row.coalitionName,
        contractTitle: row.contractTitle,
        healthSystemName: row.healthSystemName,
        period: periodLabel({ sequence: row.sequence, periodStart: row.periodStart, periodEnd: row.periodEnd }),
        episodes: own.episodes,
        allocatedCents: own.allocatedCents,
        settledAt: row.settledAt,
        settlementReference: row.settlementReference,
      },
    ]
  })
  return { coalitions, shares }
}

/** The coalition contracts in force the employer may adopt today: those of the coalitions it is a member of on `today`. */
export async function listAdoptableCoalitionContracts(scope: EmployerScope, now = new Date()) {
  const db = getDb()
  const today = toIsoDate(now)
  const spans = await listEmployerMembershipSpans(db, scope)
  const current = [...new Set(spans.filter((span) => span.joinedOn <= today && (span.leftOn === null || today <= span.leftOn)).map((span) => span.coalitionId))]
  const contracts = await listCoalitionContractsInForce(db, current)
  return contracts.map((contract) => {
    const terms = ContractTermsSchema.parse(JSON.parse(contract.terms))
    return {
      id: contract.id,
      title: contract.title,
      coalitionName: contract.coalitionName,
      healthSystemName: contract.healthSystemName,
      procedures: terms.bundleRates.map((rate) => rate.procedureCode),
      facilities: terms.networkFacilityIds.length,
      periodEnd: terms.attribution.periodEnd,
    }
  })
}

export type AdoptResult = { ok: true; programId: string } | { ok: false; formError: string }

export const NOT_A_MEMBER_MESSAGE = 'Your organization is not a member of a coalition: only a coalition member adopts a coalition network.'
const NO_CONTRACT_MESSAGE = 'There is no coalition contract with this id among your coalitions’ contracts: choose one from the list.'

/**
 * Adopts a coalition contract's network into a new DRAFT program of the employer, in one step: the
 * contract's procedures; as network, the health system's active offers at the contract's network
 * facilities for those procedures, valid on the program's start, each at the contract's bundle rate
 * for its procedure; the benefit and travel rules of the employer's latest program (the defaults
 * when it has none). The program starts today (or on the contract's start when later) and ends
 * with the contract's period. Refused with nothing written when the employer is not a member, its
 * membership has ended, or the contract is not in force. The employer then publishes it as usual.
 */
export async function adoptCoalitionNetwork(actor: Actor, scope: EmployerScope, contractId: string, now = new Date()): Promise<AdoptResult> {
  const db = getDb()
  const today = toIsoDate(now)
  const spans = await listEmployerMembershipSpans(db, scope)
  if (spans.length === 0) return { ok: false, formError: NOT_A_MEMBER_MESSAGE }
  const contract = await findCoalitionContract(db, [...new Set(spans.map((span) => span.coalitionId))], contractId)
  if (!contract) return { ok: false, formError: NO_CONTRACT_MESSAGE }
  const own = spans.filter((span) => span.coalitionId === contract.coalitionId)
  if (!own.some((span) => span.joinedOn <= today && (span.leftOn === null || today <= span.leftOn))) {
    const upcoming = own.find((span) => span.joinedOn > today)
    if (upcoming) return { ok: false, formError: `Your membership of ${contract.coalitionName} starts on ${upcoming.joinedOn}: you can adopt its network from that day.` }
    const left = own.map((span) => span.leftOn).filter((day): day is string => day !== null).sort().at(-1)
    return { ok: false, formError: `Your organization's membership of ${contract.coalitionName} ended on ${left}: only current members adopt its network.` }
  }
  const inForce = (await listCoalitionContractsInForce(db, [contract.coalitionId])).find((row) => row.id === contract.id)
  if (!inForce) return { ok: false, formError: `${contract.title} is not in force (${contract.status}): only a signed, active coalition contract's network can be adopted.` }
  const terms = ContractTermsSchema.parse(JSON.parse(inForce.terms))
  if (terms.attribution.periodEnd < today) return { ok: false, formError: `${contract.title} ended on ${terms.attribution.periodEnd}: its network can no longer be adopted.` }
  const effectiveFrom = terms.attribution.periodStart > today ? terms.attribution.periodStart : today
  const rates = new Map(terms.bundleRates.map((rate) => [rate.procedureCode, rate.bundleCents]))
  const offers = await listOffersAtFacilities(db, inForce.healthSystemOrganizationId, terms.networkFacilityIds, [...rates.keys()], effectiveFrom)
  if (offers.length === 0) {
    return { ok: false, formError: `None of the facilities of ${contract.title} has an active offer for its procedures on ${effectiveFrom}: ask ${inForce.healthSystemName} to renew its offers.` }
  }
  const procedureIds = [...new Set(offers.map((offer) => offer.procedureId))]
  const rules = (await findLatestProgramRules(db, scope)) ?? null
  const { programName: _programName, version: _version, ...copied } = rules ?? { programName: null, version: null, ...DEFAULT_BENEFIT_RULES, ...DEFAULT_TRAVEL_RULES }
  const programId = newId()
  const versionId = newId()
  const at = now.toISOString()
  await db.transaction().execute(async (trx) => {
    await insertProgram(trx, { id: programId, employerId: scope.employerId, name: `${contract.coalitionName} network: ${inForce.healthSystemName}`.slice(0, 120), createdAt: at, createdByUserId: actor.userId })
    await insertProgramVersion(trx, {
      id: versionId, programId, version: 1, status: 'draft', effectiveFrom, effectiveTo: terms.attribution.periodEnd, createdAt: at, createdByUserId: actor.userId,
      publishedAt: null, publishedByUserId: null,
    })
    await replaceVersionProcedures(trx, versionId, procedureIds)
    await replaceVersionNetwork(trx, versionId, offers.map((offer) => ({ offerId: offer.offerId, bundlePriceCents: rates.get(offer.procedureCode)! })))
    await saveBenefitRules(trx, {
      programVersionId: versionId, deductibleWaived: copied.deductibleWaived, coinsuranceWaived: copied.coinsuranceWaived, coeCopayCents: copied.coeCopayCents,
      completionIncentiveCents: copied.completionIncentiveCents, outsideRule: copied.outsideRule, outsideCoinsuranceRate: copied.outsideCoinsuranceRate,
    })
    await saveTravelRules(trx, {
      programVersionId: versionId, minDistanceMiles: copied.minDistanceMiles, companionCovered: copied.companionCovered, flyThresholdMiles: copied.flyThresholdMiles,
      mileageRateCents: copied.mileageRateCents, airfareAllowanceCents: copied.airfareAllowanceCents, lodgingNights: copied.lodgingNights,
      lodgingNightlyCapCents: copied.lodgingNightlyCapCents, mealsPerDiemCents: copied.mealsPerDiemCents, travelCapCents: copied.travelCapCents,
    })
    await insertAuditEntry(trx, actor, {
      action: 'program.coalition_network_adopted',
      subjectType: 'program',
      subjectId: programId,
      employerId: scope.employerId,
      at,
      detail: JSON.stringify({
        contractId: contract.id, coalitionId: contract.coalitionId, contractVersion: inForce.version, procedures: [...rates.keys()], offers: offers.length,
        rulesFrom: rules ? `${rules.programName} v${rules.version}` : 'defaults',
      }),
    })
  })
  return { ok: true, programId }
}
