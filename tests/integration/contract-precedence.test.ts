import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import { listContractPeriods } from '~/db/repositories/contract-periods.server'
import { unscopedFindCoveringContract } from '~/db/repositories/warranty.server'
import { StatementDocumentSchema, type StatementDocument } from '~/domain/contracts/statement'
import type { Actor, ContractParty } from '~/domain/tenancy'
import { createCoalitionContractDraft } from '~/services/coalition-contracts.server'
import { downloadContractExtract, listContractExtractWindows } from '~/services/contract-extracts.server'
import { closeContractPeriod } from '~/services/contract-periods.server'
import { createContractDraft, getContractView, saveContractTerms, sendContractVersion, signContractVersion } from '~/services/contracts.server'
import { completedCase, contractParties, pastYears, signedContract, type ContractParties } from './contract-fixtures'
import { actorOf } from './support'
import { createTwoTenants, type TwoTenants } from './tenants'

/*
 * One contract per episode (issue 23, ADR 0021). Employer A has its own contract with Test Health
 * at its facility and is a member of the coalition, whose contract with Test Health covers that
 * facility and a second one; B is a member from 2026-03-01 to 2026-09-30 without a contract of its
 * own. A case of A at the shared facility is an episode of A's contract only (its statement, its
 * extract, its warranty); the coalition's statement, allocation and extract leave it out; a case at
 * the facility only the coalition covers is the coalition's; a case after B's membership ended is
 * neither's. The coalition signs first: the kind of contract decides before the signing date.
 */

let t: TwoTenants
let p: ContractParties
let coalition: Actor
let coalitionParty: ContractParty
let siblingFacilityId: string
let ownContractId: string
let coalitionContractId: string
const cases = {} as Record<'aShared1' | 'aShared2' | 'aSibling' | 'bShared' | 'bSibling' | 'bAfterLeaving', string>
const statements = {} as Record<'own' | 'coalition', StatementDocument>

const db = () => getDb()

/** A completed case at the second facility (only the coalition's network has it). */
async function caseAtSibling(employer: 'a' | 'b', procedureDate: string, siblingOfferId: string) {
  const id = await completedCase(p, { procedureDate, employer })
  await db().updateTable('cases').set({ facilityId: siblingFacilityId, offerId: siblingOfferId }).where('id', '=', id).execute()
  return id
}

async function closeFirstPeriod(actor: Actor, party: ContractParty, contractId: string): Promise<StatementDocument> {
  const [first] = await listContractPeriods(db(), contractId)
  expect(await closeContractPeriod(actor, party, contractId, first!.id, new Date(`${first!.closesOn}T12:00:00Z`))).toEqual({ ok: true, note: 'period-closed' })
  const row = await db().selectFrom('contractStatements').select('statement').where('periodId', '=', first!.id).executeTakeFirstOrThrow()
  return StatementDocumentSchema.parse(JSON.parse(row.statement))
}

/** Every row of the contract's 2026 JSON extracts (each window once), as the purchaser downloads them. */
async function extractRowCount(actor: Actor, party: ContractParty, contractId: string) {
  const now = new Date('2027-06-01T12:00:00Z')
  const { windows } = await listContractExtractWindows(party, contractId, now)
  expect(windows.length).toBeGreaterThan(0)
  let rows = 0
  for (const window of windows) {
    const file = await downloadContractExtract(actor, party, contractId, window.key, 'json', now)
    rows += (JSON.parse(file.body) as { rows: unknown[] }).rows.length
  }
  return rows
}

beforeAll(async () => {
  t = await createTwoTenants(db())
  p = await contractParties(t)
  coalition = await actorOf(t.users.coalition)
  coalitionParty = { side: 'purchaser', organizationId: t.coalitionId }
  const now = new Date().toISOString()
  // B: a member from 2026-03-01 to 2026-09-30 (its last day); A has been a member since 2026-01-01 (tenants.ts).
  await db()
    .insertInto('coalitionMemberships')
    .values({
      id: newId(), coalitionOrganizationId: t.coalitionId, employerOrganizationId: t.b.employerId, status: 'ended', invitedAt: now, invitedByUserId: null,
      joinedOn: '2026-03-01', leftOn: '2026-09-30', respondedByUserId: null, respondedAt: now, endedByUserId: null, createdAt: now,
    })
    .execute()
  // A second facility of Test Health with the same offer: in the coalition's draft (from the health system's offers), not in A's program.
  const facility = await db().selectFrom('facilities').selectAll().where('id', '=', p.facilityId).executeTakeFirstOrThrow()
  siblingFacilityId = newId()
  await db().insertInto('facilities').values({ ...facility, id: siblingFacilityId, name: 'Test Medical Center East' }).execute()
  const offer = await db().selectFrom('offers').selectAll().where('id', '=', p.offerId).executeTakeFirstOrThrow()
  const siblingOfferId = newId()
  await db().insertInto('offers').values({ ...offer, id: siblingOfferId, facilityId: siblingFacilityId }).execute()

  // The coalition's contract, signed first: both facilities.
  const made = await createCoalitionContractDraft(coalition, t.coalitionId, { healthSystemId: p.healthSystemId, procedureCodes: [p.procedureCode], title: 'Coalition knee contract' })
  if (!made.ok) throw new Error(`could not draft: ${JSON.stringify(made)}`)
  coalitionContractId = made.contractId
  const { values } = await getContractView(coalitionParty, coalitionContractId)
  expect(values.networkFacilityIds).toEqual(expect.arrayContaining([p.facilityId, siblingFacilityId]))
  expect((await saveContractTerms(coalition, coalitionParty, coalitionContractId, { ...values, ...pastYears(2026, 1, { 'riskSharing.minimumEpisodes': ['1'] }) })).ok).toBe(true)
  for (const [actor, party, step] of [
    [coalition, coalitionParty, sendContractVersion],
    [coalition, coalitionParty, signContractVersion],
    [p.center, p.centerParty, signContractVersion],
  ] as const) expect(await step(actor, party, coalitionContractId)).toEqual({ ok: true })

  // A's own contract, signed after: A's program network, the first facility only.
  ownContractId = (await signedContract(p, pastYears(2026, 1, { 'riskSharing.minimumEpisodes': ['1'] }), 'Own knee contract')).contractId
  const ownTerms = await getContractView(p.purchaser, ownContractId)
  expect(ownTerms.values.networkFacilityIds).toEqual([p.facilityId])

  cases.aShared1 = await completedCase(p, { procedureDate: '2026-02-01', employer: 'a' })
  cases.aShared2 = await completedCase(p, { procedureDate: '2026-05-01', employer: 'a' })
  cases.aSibling = await caseAtSibling('a', '2026-03-01', siblingOfferId)
  cases.bShared = await completedCase(p, { procedureDate: '2026-04-01', employer: 'b' })
  cases.bSibling = await caseAtSibling('b', '2026-06-01', siblingOfferId)
  cases.bAfterLeaving = await caseAtSibling('b', '2026-10-01', siblingOfferId)

  statements.own = await closeFirstPeriod(p.adminA, p.purchaser, ownContractId)
  statements.coalition = await closeFirstPeriod(coalition, coalitionParty, coalitionContractId)
})

describe('a case under both an employer contract and a coalition contract', () => {
  it("is an episode of the employer's own contract only", () => {
    expect(statements.own.episodeFacts.map((facts) => facts.caseId)).toEqual([cases.aShared1, cases.aShared2])
    expect(statements.own.reconciliation.episodeCount).toBe(2)
    expect(statements.coalition.episodeFacts.map((facts) => facts.caseId)).not.toContain(cases.aShared1)
    expect(statements.coalition.episodeFacts.map((facts) => facts.caseId)).not.toContain(cases.aShared2)
  })

  it("leaves the coalition the cases only it covers: A's at the second facility, B's while a member; none after B left", () => {
    expect(statements.coalition.episodeFacts.map((facts) => [facts.caseId, facts.procedureDate])).toEqual([
      [cases.aSibling, '2026-03-01'],
      [cases.bShared, '2026-04-01'],
      [cases.bSibling, '2026-06-01'],
    ])
    const everywhere = [...statements.own.episodeFacts, ...statements.coalition.episodeFacts].map((facts) => facts.caseId)
    expect(everywhere).not.toContain(cases.bAfterLeaving)
    // Each case in one statement at most.
    expect(new Set(everywhere).size).toBe(everywhere.length)
  })

  it("allocates the coalition's settlement by the episodes it kept: A one, B two", () => {
    const allocation = statements.coalition.allocation!
    expect(allocation.map((line) => [line.employerId, line.episodes])).toEqual([
      [t.a.employerId, 1],
      [t.b.employerId, 2],
    ])
    expect(allocation.reduce((sum, line) => sum + line.allocatedCents, 0)).toBe(statements.coalition.reconciliation.settlementCents)
  })

  it('gives the extracts the same episodes as the statements', async () => {
    expect(await extractRowCount(p.adminA, p.purchaser, ownContractId)).toBe(2)
    expect(await extractRowCount(coalition, coalitionParty, coalitionContractId)).toBe(3)
  })

  it("puts the warranty under the contract whose episode the case is: A's own at the shared facility, the coalition's at the other, none after B left", async () => {
    const facts = (employerId: string, facilityId: string, procedureDate: string) => ({ employerId, facilityId, procedureCode: p.procedureCode, procedureDate })
    expect((await unscopedFindCoveringContract(db(), facts(t.a.employerId, p.facilityId, '2026-02-01')))?.contractId).toBe(ownContractId)
    expect((await unscopedFindCoveringContract(db(), facts(t.a.employerId, siblingFacilityId, '2026-03-01')))?.contractId).toBe(coalitionContractId)
    expect((await unscopedFindCoveringContract(db(), facts(t.b.employerId, p.facilityId, '2026-04-01')))?.contractId).toBe(coalitionContractId)
    expect(await unscopedFindCoveringContract(db(), facts(t.b.employerId, siblingFacilityId, '2026-10-01'))).toBeUndefined()
  })
})

describe('a contract signed after another contract closed a period with the case', () => {
  it("does not count the case again: A's second own contract covering the second facility leaves the coalition's closed episode where it is", async () => {
    const made = await createContractDraft(p.adminA, { employerId: t.a.employerId }, { programId: t.a.programId, healthSystemId: p.healthSystemId, title: 'Own contract, both facilities' })
    if (!made.ok) throw new Error('could not draft')
    const { values } = await getContractView(p.purchaser, made.contractId)
    const saved = await saveContractTerms(p.adminA, p.purchaser, made.contractId, {
      ...values,
      ...pastYears(2026, 1, { 'riskSharing.minimumEpisodes': ['1'] }),
      networkFacilityIds: [p.facilityId, siblingFacilityId],
    })
    expect(saved.ok).toBe(true)
    for (const [actor, party, step] of [
      [p.adminA, p.purchaser, sendContractVersion],
      [p.adminA, p.purchaser, signContractVersion],
      [p.center, p.centerParty, signContractVersion],
    ] as const) expect(await step(actor, party, made.contractId)).toEqual({ ok: true })
    // By precedence alone A's own contract would take the case at the second facility from the coalition; the coalition's statement is closed with it.
    const statement = await closeFirstPeriod(p.adminA, p.purchaser, made.contractId)
    expect(statement.episodeFacts.map((facts) => facts.caseId)).toEqual([])
    // The warranty stays with the contract whose closed statement has the episode.
    const covering = await unscopedFindCoveringContract(db(), { caseId: cases.aSibling, employerId: t.a.employerId, facilityId: siblingFacilityId, procedureCode: p.procedureCode, procedureDate: '2026-03-01' })
    expect(covering?.contractId).toBe(coalitionContractId)
  })
})
