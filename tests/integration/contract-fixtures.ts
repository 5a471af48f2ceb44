import { createHash } from 'node:crypto'
import type { Kysely } from 'kysely'
import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import { listContractPeriods } from '~/db/repositories/contract-periods.server'
import type { Database } from '~/db/schema'
import { ContractTermsSchema, type ContractTerms } from '~/domain/contracts/terms'
import { addDays } from '~/domain/dates'
import type { Actor, ContractParty } from '~/domain/tenancy'
import { closeContractPeriod } from '~/services/contract-periods.server'
import { createContractDraft, getContractView, saveContractTerms, sendContractVersion, signContractVersion } from '~/services/contracts.server'
import { actorOf } from './support'
import type { TwoTenants } from './tenants'

/*
 * Contracts signed by both sides, and completed cases with backdated dates, for the tests of
 * reconciliation periods, statements and settlement (issue 21). Everything goes through the
 * services as the two admins would, except the cases, inserted as the care team leaves them.
 */

export interface ContractParties {
  t: TwoTenants
  healthSystemId: string
  facilityId: string
  offerId: string
  procedureId: string
  procedureCode: string
  adminA: Actor
  center: Actor
  purchaser: ContractParty
  centerParty: ContractParty
}

export async function contractParties(t: TwoTenants): Promise<ContractParties> {
  const offer = await getDb()
    .selectFrom('programNetwork')
    .innerJoin('offers', 'offers.id', 'programNetwork.offerId')
    .innerJoin('facilities', 'facilities.id', 'offers.facilityId')
    .innerJoin('procedures', 'procedures.id', 'offers.procedureId')
    .select(['offers.id', 'offers.facilityId', 'offers.procedureId', 'facilities.healthSystemId', 'procedures.code'])
    .where('programVersionId', '=', t.a.versionId)
    .executeTakeFirstOrThrow()
  return {
    t,
    healthSystemId: offer.healthSystemId!,
    facilityId: offer.facilityId,
    offerId: offer.id,
    procedureId: offer.procedureId,
    procedureCode: offer.code,
    adminA: await actorOf(t.users.adminA),
    center: await actorOf(t.users.center),
    purchaser: { side: 'purchaser', organizationId: t.a.employerId },
    centerParty: { side: 'center', organizationId: offer.healthSystemId! },
  }
}

/** The review-date inputs for these dates, the rest of the form's inputs emptied (so none of the draft's stays). */
export function reviewDateValues(dates: readonly string[]): Record<string, string[]> {
  return Object.fromEntries(Array.from({ length: 16 }, (_, index) => [`reporting.reviewDates[${index}]`, [dates[index] ?? '']]))
}

/**
 * Terms for whole past years from January 1 of `startYear` (a period each, closing 90 days after
 * its end with the 90-day warranty), a negotiated benchmark of $40,000, outlier cap 1.1
 * (k × Bench = $44,000), minimum 3 episodes; the draft's other terms (one-sided, s = 50%, G = 10%,
 * goals: complication and readmission rates ≤ 5%, weight 0.5 each, gate 0.5).
 */
export function pastYears(startYear: number, years: number, more: Record<string, string[]> = {}): Record<string, string[]> {
  const yearList = Array.from({ length: years }, (_, index) => startYear + index)
  return {
    'attribution.periodStart': [`${startYear}-01-01`],
    'attribution.periodEnd': [`${startYear + years - 1}-12-31`],
    ...reviewDateValues(yearList.flatMap((year) => [`${year}-06-01`, `${year}-12-01`])),
    recalibrationDate: [`${startYear}-09-30`],
    'warranty.windowDays': ['90'],
    'benchmarks[0].source': ['negotiated'],
    'benchmarks[0].benchmarkDollars': ['40000'],
    'riskSharing.outlierCap': ['1.1'],
    'riskSharing.minimumEpisodes': ['3'],
    ...more,
  }
}

/**
 * A contract of employer A with Test Health, drafted from A's program, its terms changed as
 * given, sent by A and signed by both sides; with its periods (made at the second signature).
 */
export async function signedContract(p: ContractParties, changes: Record<string, string[]> = {}, title = 'Knee contract') {
  const made = await createContractDraft(p.adminA, { employerId: p.t.a.employerId }, { programId: p.t.a.programId, healthSystemId: p.healthSystemId, title })
  if (!made.ok) throw new Error('could not draft the contract')
  const contractId = made.contractId
  if (Object.keys(changes).length > 0) {
    const { values } = await getContractView(p.purchaser, contractId)
    const saved = await saveContractTerms(p.adminA, p.purchaser, contractId, { ...values, ...changes })
    if (!saved.ok) throw new Error(`could not save the terms: ${JSON.stringify(saved)}`)
  }
  for (const [actor, party, step] of [
    [p.adminA, p.purchaser, sendContractVersion],
    [p.adminA, p.purchaser, signContractVersion],
    [p.center, p.centerParty, signContractVersion],
  ] as const) {
    const result = await step(actor, party, contractId)
    if (!result.ok) throw new Error(`could not send or sign: ${JSON.stringify(result)}`)
  }
  const version = await getDb().selectFrom('contractVersions').select('id').where('contractId', '=', contractId).where('status', '=', 'signed').executeTakeFirstOrThrow()
  return { contractId, versionId: version.id, periods: await listContractPeriods(getDb(), contractId) }
}

export interface CaseFacts {
  procedureDate: string
  /** Default: 30 days before the procedure (prospective). */
  requestedAt?: string
  employer?: 'a' | 'b'
  status?: 'completed' | 'cancelled'
  bundleCents?: number
  travelActualCents?: number | null
  /** An incentive invoice line of this amount (none when 0). */
  incentiveCents?: number
  hadComplication?: boolean
  wasReadmitted?: boolean
  satisfaction?: number
}

/** A case of employer A (or B) at Test Health's facility, completed with these facts and backdated. */
export async function completedCase(p: ContractParties, facts: CaseFacts): Promise<string> {
  const db = getDb()
  const tenant = facts.employer === 'b' ? p.t.b : p.t.a
  const id = newId()
  const requestedAt = facts.requestedAt ?? new Date(Date.parse(`${facts.procedureDate}T12:00:00Z`) - 30 * 86_400_000).toISOString()
  const completedAt = `${facts.procedureDate}T18:00:00.000Z`
  await db
    .insertInto('cases')
    .values({
      id, employerId: tenant.employerId, rosterMemberId: tenant.rosterMemberId, programVersionId: tenant.versionId, procedureId: p.procedureId, offerId: p.offerId, facilityId: p.facilityId,
      status: facts.status ?? 'completed', statusReason: null, preferredStart: null, preferredEnd: null, scheduledDate: facts.procedureDate, procedureDate: facts.procedureDate, hasCompanion: 0,
      contactPreference: 'email', contactPhone: null, memberNote: null, bundlePriceCents: facts.bundleCents ?? 2_800_000, memberCostCents: 0, travelEstimateCents: 0,
      travelActualCents: facts.travelActualCents ?? null, hadComplication: facts.hadComplication ? 1 : 0, wasReadmitted: facts.wasReadmitted ? 1 : 0, satisfaction: facts.satisfaction ?? 9,
      requestedAt, completedAt, updatedAt: completedAt, firstConsultDate: null, thirtyDayOutcomesAt: completedAt, ninetyDayOutcomesAt: completedAt, hasPatientReportedOutcomes: 1,
    })
    .execute()
  if (facts.incentiveCents) {
    const invoiceId = newId()
    await db
      .insertInto('invoices')
      .values({
        id: invoiceId, employerId: tenant.employerId, caseId: id, number: `INV-${id.slice(-8)}`, status: 'open', totalCents: facts.incentiveCents, currency: 'usd', stripeInvoiceId: null,
        hostedInvoiceUrl: null, createdAt: completedAt, finalizedAt: completedAt, paidAt: null, updatedAt: completedAt,
      })
      .execute()
    await db.insertInto('invoiceLines').values({ id: newId(), invoiceId, kind: 'incentive', description: 'Completion incentive', amountCents: facts.incentiveCents, stripeInvoiceItemId: null }).execute()
  }
  return id
}

/** A warranty event of a case under the contract (care elsewhere by default), with its ledger credit when credited. */
export async function warrantyEvent(
  p: ContractParties,
  contract: { contractId: string; versionId: string },
  caseId: string,
  event: { occurredOn: string; costCents: number; creditedCents: number; place?: 'center' | 'elsewhere'; kind?: 'complication' | 'readmission' },
) {
  const db = getDb()
  const id = newId()
  const at = `${event.occurredOn}T12:00:00.000Z`
  await db
    .insertInto('caseWarrantyEvents')
    .values({
      id, caseId, contractId: contract.contractId, contractVersionId: contract.versionId, kind: event.kind ?? 'readmission', occurredOn: event.occurredOn, place: event.place ?? 'elsewhere',
      providerName: 'County Hospital', description: 'Readmitted for a wound infection', costCents: event.costCents, creditedCents: event.creditedCents, recordedByUserId: null, recordedAt: at,
    })
    .execute()
  if (event.creditedCents > 0) {
    await db
      .insertInto('contractCredits')
      .values({
        id: newId(), contractId: contract.contractId, caseId, warrantyEventId: id, purchaserOrganizationId: p.t.a.employerId, healthSystemOrganizationId: p.healthSystemId,
        amountCents: event.creditedCents, description: 'Warranty credit', stripeCreditNoteId: null, createdAt: at,
      })
      .execute()
  }
  return id
}

/**
 * Signs a sent contract for both sides and closes its first period as of the day it can close
 * (for fixtures that need a reconciled period: hostile ids). Returns the period.
 */
export async function signAndCloseFirstPeriod(contractId: string, purchaser: { actor: Actor; party: ContractParty }, center: { actor: Actor; party: ContractParty }): Promise<string> {
  for (const side of [purchaser, center]) {
    const signed = await signContractVersion(side.actor, side.party, contractId)
    if (!signed.ok) throw new Error(`could not sign: ${JSON.stringify(signed)}`)
  }
  return closeFirstPeriod(contractId, purchaser)
}

/** Closes a signed contract's first period as of the day it can close (whatever today is). Returns the period. */
export async function closeFirstPeriod(contractId: string, purchaser: { actor: Actor; party: ContractParty }): Promise<string> {
  const first = (await listContractPeriods(getDb(), contractId))[0]!
  const closed = await closeContractPeriod(purchaser.actor, purchaser.party, contractId, first.id, new Date(`${first.closesOn}T12:00:00Z`))
  if (!closed.ok) throw new Error(`could not close: ${JSON.stringify(closed)}`)
  return first.id
}

/** A one-year attribution period from the first day of the quarter holding `today` (so extract windows exist today), with its reviews and recalibration inside it. */
export function periodFromQuarterStart(today: string): Pick<ContractTerms, 'attribution' | 'reporting' | 'recalibrationDate'> {
  const month = Number(today.slice(5, 7))
  const periodStart = `${today.slice(0, 4)}-${String(Math.floor((month - 1) / 3) * 3 + 1).padStart(2, '0')}-01`
  const periodEnd = addDays(`${Number(periodStart.slice(0, 4)) + 1}${periodStart.slice(4)}`, -1)
  return {
    attribution: { model: 'prospective', periodStart, periodEnd },
    reporting: { cadence: 'quarterly', reviewDates: [addDays(periodStart, 181), addDays(periodEnd, -14)] },
    recalibrationDate: addDays(periodEnd, -30),
  }
}

/**
 * Changes a drafted contract's open version as a save would (the terms parsed again, their hash
 * recomputed), then the purchaser sends it and both sides sign: the contract is active.
 */
export async function signContract(db: Kysely<Database>, contractId: string, users: { purchaser: string; center: string }, change: (terms: ContractTerms) => ContractTerms = (terms) => terms) {
  const contract = await db.selectFrom('contracts').select(['purchaserOrganizationId', 'healthSystemOrganizationId']).where('id', '=', contractId).executeTakeFirstOrThrow()
  const version = await db.selectFrom('contractVersions').select(['id', 'terms']).where('contractId', '=', contractId).orderBy('version', 'desc').executeTakeFirstOrThrow()
  const json = JSON.stringify(ContractTermsSchema.parse(change(ContractTermsSchema.parse(JSON.parse(version.terms)))))
  await db
    .updateTable('contractVersions')
    .set({ terms: json, termsSha256: createHash('sha256').update(json, 'utf8').digest('hex'), baseTerms: json })
    .where('id', '=', version.id)
    .execute()
  const purchaser = { side: 'purchaser' as const, organizationId: contract.purchaserOrganizationId }
  const center = { side: 'center' as const, organizationId: contract.healthSystemOrganizationId }
  const steps = [
    await sendContractVersion(await actorOf(users.purchaser), purchaser, contractId),
    await signContractVersion(await actorOf(users.purchaser), purchaser, contractId),
    await signContractVersion(await actorOf(users.center), center, contractId),
  ]
  if (steps.some((step) => !step.ok)) throw new Error(`could not sign contract ${contractId}: ${JSON.stringify(steps)}`)
}

/** A contract's secret for its member pseudonyms (the extracts' HMAC key). */
export const pseudonymSecretOf = async (contractId: string) =>
  (await getDb().selectFrom('contracts').select('pseudonymSecret').where('id', '=', contractId).executeTakeFirstOrThrow()).pseudonymSecret

/** The audit rows of a contract's extract downloads, oldest first: who, and the row's detail. */
export const extractDownloadsOf = async (contractId: string) =>
  (await getDb().selectFrom('auditLog').select(['actorUserId', 'detail']).where('action', '=', 'contract.extract_downloaded').where('subjectId', '=', contractId).orderBy('id').execute()).map(
    (row) => ({ actorUserId: row.actorUserId, ...(JSON.parse(row.detail!) as Record<string, unknown>) }),
  )
