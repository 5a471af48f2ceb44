import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import { listContractPeriods } from '~/db/repositories/contract-periods.server'
import { StatementDocumentSchema } from '~/domain/contracts/statement'
import type { Actor, ContractParty } from '~/domain/tenancy'
import * as coalitionContract from '~/routes/coalition.contracts.$contractId'
import * as coalitionPeriod from '~/routes/coalition.contracts.$contractId_.periods.$periodId'
import * as coalitionCsv from '~/routes/coalition.contracts.$contractId_.periods.$periodId[.csv]'
import * as coalitionExtractFhir from '~/routes/coalition.contracts.$contractId_.extracts.$window[.fhir.json]'
import * as coalitionExtractJson from '~/routes/coalition.contracts.$contractId_.extracts.$window[.json]'
import * as coalitionNew from '~/routes/coalition.contracts.new'
import * as centerPeriod from '~/routes/center.contracts.$contractId_.periods.$periodId'
import * as employerPeriod from '~/routes/employer.contracts.$contractId_.periods.$periodId'
import * as employerSettlements from '~/routes/employer.coalition-settlements'
import * as employerPrograms from '~/routes/employer.programs._index'
import { adoptCoalitionNetwork, createCoalitionContractDraft, listEmployerCoalitionSettlements, NOT_A_MEMBER_MESSAGE } from '~/services/coalition-contracts.server'
import { closeContractPeriod, settleContractStatement } from '~/services/contract-periods.server'
import { getContractView, listContracts, saveContractTerms, sendContractVersion, signContractVersion } from '~/services/contracts.server'
import { completedCase, contractParties, pastYears, type ContractParties } from './contract-fixtures'
import { expectNoChange } from './hostile'
import { actorOf, cookieFor, getRequest, ORIGIN, postRequest, statusOf } from './support'
import { createTwoTenants, type TwoTenants } from './tenants'

/*
 * A coalition as purchaser (issue 23, DESIGN §12): the coalition admin drafts, sends and signs a
 * contract like an employer admin; its episodes are the member employers' cases while they were
 * members (membership dates); the statement allocates the settlement to them by episodes, to the
 * cent; each employer sees only its own share; a member adopts the network and rates into a
 * draft program in one step, and is refused with a specific message (nothing written) otherwise.
 */

type Loader = (args: LoaderFunctionArgs) => Promise<unknown>
type Action = (args: ActionFunctionArgs) => Promise<unknown>

let t: TwoTenants
let p: ContractParties
let coalition: Actor
let coalitionParty: ContractParty
const cookies = {} as Record<'coalition' | 'adminA' | 'adminB' | 'center', string>

const db = () => getDb()
function post(path: string, form: Record<string, string | string[]>, cookie: string): Request {
  const body = new URLSearchParams()
  for (const [name, value] of Object.entries(form)) for (const one of Array.isArray(value) ? value : [value]) body.append(name, one)
  return new Request(`${ORIGIN}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN, Cookie: cookie }, body: body.toString() })
}

/** B joins on 2026-03-01 and its membership ends on 2026-09-30 (the last day); A is a member since 2026-01-01 (tenants.ts). */
async function addEndedMembershipOfB() {
  const now = new Date().toISOString()
  await db()
    .insertInto('coalitionMemberships')
    .values({
      id: newId(), coalitionOrganizationId: t.coalitionId, employerOrganizationId: t.b.employerId, status: 'ended', invitedAt: now, invitedByUserId: null,
      joinedOn: '2026-03-01', leftOn: '2026-09-30', respondedByUserId: null, respondedAt: now, endedByUserId: null, createdAt: now,
    })
    .execute()
}

/** A coalition contract with Test Health drafted, changed as given, sent by the coalition and signed by both sides. */
async function signedCoalitionContract(changes: Record<string, string[]>, title = 'Coalition knee contract') {
  const made = await createCoalitionContractDraft(coalition, t.coalitionId, { healthSystemId: p.healthSystemId, procedureCodes: [p.procedureCode], title })
  if (!made.ok) throw new Error(`could not draft: ${JSON.stringify(made)}`)
  const { values } = await getContractView(coalitionParty, made.contractId)
  const saved = await saveContractTerms(coalition, coalitionParty, made.contractId, { ...values, ...changes })
  if (!saved.ok) throw new Error(`could not save: ${JSON.stringify(saved)}`)
  for (const [actor, party, step] of [
    [coalition, coalitionParty, sendContractVersion],
    [coalition, coalitionParty, signContractVersion],
    [p.center, p.centerParty, signContractVersion],
  ] as const) {
    const result = await step(actor, party, made.contractId)
    if (!result.ok) throw new Error(`could not send or sign: ${JSON.stringify(result)}`)
  }
  return made.contractId
}

beforeAll(async () => {
  t = await createTwoTenants(db())
  p = await contractParties(t)
  coalition = await actorOf(t.users.coalition)
  coalitionParty = { side: 'purchaser', organizationId: t.coalitionId }
  cookies.coalition = await cookieFor(t.users.coalition)
  cookies.adminA = await cookieFor(t.users.adminA)
  cookies.adminB = await cookieFor(t.users.adminB)
  cookies.center = await cookieFor(t.users.center)
})

describe('a coalition contract to signature', () => {
  it('is drafted from the health system offers through the page, sent, signed by both sides; the health system sees the coalition as purchaser; no employer sees it', async () => {
    const response = await statusOf(
      coalitionNew.action as Action,
      post('/coalition/contracts/new', { healthSystemId: p.healthSystemId, procedureCodes: [p.procedureCode], title: 'Coalition lifecycle contract' }, cookies.coalition),
    )
    expect(response.status).toBe(302)
    const contractId = response.location!.split('/').at(-1)!
    const draft = await getContractView(coalitionParty, contractId)
    expect(draft.contract.purchaserName).toBe('Test Coalition')
    expect(draft.procedures).toEqual([p.procedureCode])
    expect(draft.facilities.map((facility) => facility.id)).toContain(p.facilityId)

    // Before it is sent, the health system does not see it.
    expect((await listContracts(p.centerParty)).map((row) => row.id)).not.toContain(contractId)
    expect(await sendContractVersion(coalition, coalitionParty, contractId)).toEqual({ ok: true })
    expect(await signContractVersion(coalition, coalitionParty, contractId)).toEqual({ ok: true })
    const seenByCenter = (await listContracts(p.centerParty)).find((row) => row.id === contractId)
    expect(seenByCenter?.otherParty).toBe('Test Coalition')
    expect(await signContractVersion(p.center, p.centerParty, contractId)).toEqual({ ok: true })

    const signed = await getContractView(coalitionParty, contractId)
    expect(signed.contract.status).toBe('active')
    expect(signed.version.status).toBe('signed')
    expect(signed.signatures.map((s) => s.organizationName).sort()).toEqual(['Test Coalition', 'Test Health'].sort())
    expect((await listContractPeriods(db(), contractId)).length).toBeGreaterThan(0)
    const audit = await db().selectFrom('auditLog').select('action').where('subjectId', '=', contractId).orderBy('occurredAt').orderBy('id').execute()
    expect(audit.map((row) => row.action)).toEqual(['contract.created', 'contract.sent', 'contract.signed', 'contract.signed', 'contract.version_signed'])

    // The coalition's contract page through its route; a member employer's contract page is a 404.
    const page = await statusOf(coalitionContract.loader as Loader, getRequest(`/coalition/contracts/${contractId}`, cookies.coalition), { contractId })
    expect(page.status).toBe(200)
    expect((page.body as { basePath: string }).basePath).toBe(`/coalition/contracts/${contractId}`)
    await expect(getContractView({ side: 'purchaser', organizationId: t.a.employerId }, contractId)).rejects.toMatchObject({ status: 404 })
  })

  it('refuses a draft for procedures the health system does not offer, writing nothing', async () => {
    const result = await expectNoChange(() => createCoalitionContractDraft(coalition, t.coalitionId, { healthSystemId: p.healthSystemId, procedureCodes: ['NOPE'], title: 'X' }))
    expect(result).toEqual({ ok: false, fieldErrors: { procedureCodes: ['Choose procedures the health system has active offers for'] } })
  })
})

describe('attribution with membership dates, reconciliation and allocation', () => {
  let contractId: string
  let periodId: string

  beforeAll(async () => {
    await addEndedMembershipOfB()
    // One year (2026), benchmark $40,000, s = 50%, stop-gain 100% (so the settlement is s × Q × S), minimum 3 episodes.
    contractId = await signedCoalitionContract(pastYears(2026, 1, { 'riskSharing.stopGainShare': ['100'] }), 'Coalition allocation contract')
    // A (member since 2026-01-01): two episodes in; one before the period.
    await completedCase(p, { procedureDate: '2026-02-01', employer: 'a', bundleCents: 2_800_000 })
    await completedCase(p, { procedureDate: '2026-11-01', employer: 'a', bundleCents: 2_799_999 })
    await completedCase(p, { procedureDate: '2025-12-20', employer: 'a' })
    // B (member 2026-03-01 to 2026-09-30): its last day counts; the day before joining and the day after leaving do not.
    await completedCase(p, { procedureDate: '2026-09-30', employer: 'b', bundleCents: 2_800_000 })
    await completedCase(p, { procedureDate: '2026-02-28', employer: 'b' })
    await completedCase(p, { procedureDate: '2026-10-01', employer: 'b' })
    const [first] = await listContractPeriods(db(), contractId)
    periodId = first!.id
    const closed = await closeContractPeriod(coalition, coalitionParty, contractId, periodId, new Date(`${first!.closesOn}T12:00:00Z`))
    expect(closed).toEqual({ ok: true, note: 'period-closed' })
  })

  it('attributes only member employers\' cases on days they were members, and allocates the settlement to the cent', async () => {
    const row = await db().selectFrom('contractStatements').select('statement').where('periodId', '=', periodId).executeTakeFirstOrThrow()
    const document = StatementDocumentSchema.parse(JSON.parse(row.statement))
    expect(document.reconciliation.episodeCount).toBe(3)
    expect(document.episodeFacts.map((facts) => facts.procedureDate)).toEqual(['2026-02-01', '2026-09-30', '2026-11-01'])
    // S = 3 × $40,000.00 − ($28,000.00 + $28,000.00 + $27,999.99) = $36,000.01; s × Q × S = 0.5 × 1 × 3,600,001 = 1,800,000.5 → 1,800,001 cents (half up).
    expect(document.reconciliation.grossSavingsCents).toBe(3_600_001)
    expect(document.reconciliation.settlementCents).toBe(1_800_001)
    // E = 3. A: 1,800,001 × 2 = 3,600,002 = 3 × 1,200,000 + 2; B: 1,800,001 = 3 × 600,000 + 1; 1 cent left → A (remainder 2).
    expect(document.allocation).toEqual([
      { employerId: t.a.employerId, employerName: 'Employer A', episodes: 2, allocatedCents: 1_200_001 },
      { employerId: t.b.employerId, employerName: 'Employer B', episodes: 1, allocatedCents: 600_000 },
    ])
    expect(document.allocation!.reduce((sum, line) => sum + line.allocatedCents, 0)).toBe(document.reconciliation.settlementCents)
  })

  it('shows the allocation with the employers\' names to the coalition and the health system, and in the CSV', async () => {
    for (const [route, cookie, base] of [
      [coalitionPeriod, cookies.coalition, '/coalition/contracts'],
      [centerPeriod, cookies.center, '/center/contracts'],
    ] as const) {
      const response = await statusOf(route.loader as Loader, getRequest(`${base}/${contractId}/periods/${periodId}`, cookie), { contractId, periodId })
      expect(response.status).toBe(200)
      const page = response.body as { statement: { allocation: Array<{ employerName: string; allocatedCents: number }> } }
      expect(page.statement.allocation.map((line) => [line.employerName, line.allocatedCents])).toEqual([['Employer A', 1_200_001], ['Employer B', 600_000]])
    }
    // The CSV is made by a job (ADR 0029): asked for on the period page, then downloaded.
    const path = `/coalition/contracts/${contractId}/periods/${periodId}`
    expect((await statusOf(coalitionPeriod.action as Action, postRequest(path, { intent: 'prepare-csv' }, { cookie: cookies.coalition }), { contractId, periodId })).status).toBe(302)
    const csv = (await coalitionCsv.loader({ request: getRequest(`${path}.csv`, cookies.coalition), params: { contractId, periodId }, context: {} })) as Response
    expect(csv.status).toBe(200)
    const lines = (await csv.text()).trim().split('\r\n')
    expect(lines.slice(-2)).toEqual(['allocation,2 episodes,,,,1,,,,,,,,,,,,12000.01,Employer A share', 'allocation,1 episode,,,,1,,,,,,,,,,,,6000.00,Employer B share'])
  })

  it('gives the coalition its partner extract as JSON and as a FHIR Bundle with the same member episodes', async () => {
    const windowOf = async (window: string) => {
      const params = { contractId, window }
      const json = (await coalitionExtractJson.loader({ request: getRequest(`/coalition/contracts/${contractId}/extracts/${window}.json`, cookies.coalition), params, context: {} }).catch((e: unknown) => e)) as Response
      return json.status === 200 ? { window, json: (await json.json()) as { rows: unknown[] } } : null
    }
    // The window holding B's last member day (2026-09-30), whichever cadence the contract shares data at.
    const found = (await windowOf('2026-09')) ?? (await windowOf('2026-Q3'))
    expect(found).not.toBeNull()
    const fhir = (await coalitionExtractFhir.loader({ request: getRequest(`/coalition/contracts/${contractId}/extracts/${found!.window}.fhir.json`, cookies.coalition), params: { contractId, window: found!.window }, context: {} })) as Response
    expect(fhir.headers.get('Content-Type')).toBe('application/fhir+json; charset=utf-8')
    const bundle = (await fhir.json()) as { resourceType: string; type: string; entry?: Array<{ resource: { resourceType: string } }> }
    expect([bundle.resourceType, bundle.type]).toEqual(['Bundle', 'collection'])
    const procedures = (bundle.entry ?? []).filter((entry) => entry.resource.resourceType === 'Procedure')
    expect(procedures).toHaveLength(found!.json.rows.length)
    expect(procedures.length).toBeGreaterThan(0)
  })

  it('lets each employer see only its own share; a member employer cannot open the coalition statement', async () => {
    const a = await listEmployerCoalitionSettlements({ employerId: t.a.employerId })
    expect(a.shares.map((share) => [share.episodes, share.allocatedCents])).toEqual([[2, 1_200_001]])
    expect(JSON.stringify(a)).not.toContain('Employer B')
    // B's membership has ended; it still sees its share of the period it was a member in, and only that.
    const response = await statusOf(employerSettlements.loader as Loader, getRequest('/employer/coalition-settlements', cookies.adminB))
    expect(response.status).toBe(200)
    const b = response.body as Awaited<ReturnType<typeof listEmployerCoalitionSettlements>>
    expect(b.shares.map((share) => [share.episodes, share.allocatedCents])).toEqual([[1, 600_000]])
    expect(JSON.stringify(b)).not.toContain('Employer A')
    // The coalition settles at coalition level through the ledger (no Stripe in these tests); A's line says so.
    expect(await settleContractStatement(coalition, coalitionParty, contractId, periodId)).toEqual({ ok: true, note: 'statement-settled' })
    const settled = await listEmployerCoalitionSettlements({ employerId: t.a.employerId })
    expect(settled.shares[0]!.settledAt).not.toBeNull()
    expect(settled.shares[0]!.settlementReference).toMatch(/^SET-\d{4}-\d{4}$/)
    // The statement itself belongs to the coalition and the health system.
    const denied = await statusOf(employerPeriod.loader as Loader, getRequest(`/employer/contracts/${contractId}/periods/${periodId}`, cookies.adminA), { contractId, periodId })
    expect(denied.status).toBe(404)
  })
})

describe('adopting the coalition network', () => {
  let contractId: string

  beforeAll(async () => {
    // The contract's rate differs from the offer's price, so the adopted network shows which one it took.
    contractId = await signedCoalitionContract({ ...pastYears(2026, 2), 'bundleRates[0].bundleDollars': ['25000'] }, 'Coalition adopt contract')
  })

  const programCount = async (employerId: string) => Number((await db().selectFrom('programs').select((eb) => eb.fn.countAll().as('n')).where('employerId', '=', employerId).executeTakeFirstOrThrow()).n)

  it('makes a draft program of a member employer in one POST: the contract\'s procedures and facilities at its rates, the employer\'s own rules; audited', async () => {
    const before = await programCount(t.a.employerId)
    const ownRules = await db()
      .selectFrom('programTravelRules')
      .innerJoin('programBenefitRules', 'programBenefitRules.programVersionId', 'programTravelRules.programVersionId')
      .selectAll()
      .where('programTravelRules.programVersionId', '=', t.a.versionId)
      .executeTakeFirstOrThrow()
    const response = await statusOf(
      employerPrograms.action as Action,
      post('/employer/programs', { intent: 'adopt-coalition-network', contractId }, cookies.adminA),
    )
    expect(response.status).toBe(302)
    const programId = response.location!.split('/').at(-1)!
    expect(await programCount(t.a.employerId)).toBe(before + 1)
    const version = await db().selectFrom('programVersions').selectAll().where('programId', '=', programId).executeTakeFirstOrThrow()
    expect(version.status).toBe('draft')
    expect(version.effectiveTo).toBe('2027-12-31')
    const network = await db().selectFrom('programNetwork').select(['offerId', 'bundlePriceCents']).where('programVersionId', '=', version.id).execute()
    expect(network).toEqual([{ offerId: p.offerId, bundlePriceCents: 2_500_000 }])
    const procedures = await db().selectFrom('programProcedures').select('procedureId').where('programVersionId', '=', version.id).execute()
    expect(procedures.map((row) => row.procedureId)).toEqual([p.procedureId])
    const rules = await db()
      .selectFrom('programTravelRules')
      .innerJoin('programBenefitRules', 'programBenefitRules.programVersionId', 'programTravelRules.programVersionId')
      .selectAll()
      .where('programTravelRules.programVersionId', '=', version.id)
      .executeTakeFirstOrThrow()
    expect({ ...rules, programVersionId: null }).toEqual({ ...ownRules, programVersionId: null })
    const audit = await db().selectFrom('auditLog').select(['action', 'employerId', 'detail']).where('subjectId', '=', programId).execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ action: 'program.coalition_network_adopted', employerId: t.a.employerId })
    expect(JSON.parse(audit[0]!.detail!)).toMatchObject({ contractId, coalitionId: t.coalitionId, offers: 1, procedures: [p.procedureCode] })
  })

  it('shows the button only to a current member with a contract in force', async () => {
    const asA = (await statusOf(employerPrograms.loader as Loader, getRequest('/employer/programs', cookies.adminA))).body as { coalitionContracts: Array<{ id: string }> }
    expect(asA.coalitionContracts.map((contract) => contract.id)).toContain(contractId)
    const asB = (await statusOf(employerPrograms.loader as Loader, getRequest('/employer/programs', cookies.adminB))).body as { coalitionContracts: unknown[] }
    expect(asB.coalitionContracts).toEqual([])
  })

  it('refuses an employer whose membership has ended, with nothing written', async () => {
    // B's only membership (added above) ended on 2026-09-30.
    const actor = await actorOf(t.users.adminB)
    const result = await expectNoChange(() => adoptCoalitionNetwork(actor, { employerId: t.b.employerId }, contractId, new Date('2026-12-01T12:00:00Z')))
    expect(result).toEqual({ ok: false, formError: 'Your organization\'s membership of Test Coalition ended on 2026-09-30: only current members adopt its network.' })
  })

  it('refuses a contract that is not in force yet, with nothing written', async () => {
    const draft = await createCoalitionContractDraft(coalition, t.coalitionId, { healthSystemId: p.healthSystemId, procedureCodes: [p.procedureCode], title: 'Unsigned coalition contract' })
    if (!draft.ok) throw new Error('no draft')
    const actor = await actorOf(t.users.adminA)
    const result = await expectNoChange(() => adoptCoalitionNetwork(actor, { employerId: t.a.employerId }, draft.contractId))
    expect(result).toEqual({ ok: false, formError: 'Unsigned coalition contract is not in force (draft): only a signed, active coalition contract\'s network can be adopted.' })
  })

  it('refuses an employer that is not a member of any coalition, with nothing written', async () => {
    const now = new Date().toISOString()
    const loneId = newId()
    await db().insertInto('organizations').values({ id: loneId, kind: 'employer', name: 'Lone Employer', code: `LONE-${loneId.slice(-6)}`, createdAt: now }).execute()
    const actor = { ...(await actorOf(t.users.adminA)), organizationId: loneId }
    const result = await expectNoChange(() => adoptCoalitionNetwork(actor, { employerId: loneId }, contractId))
    expect(result).toEqual({ ok: false, formError: NOT_A_MEMBER_MESSAGE })
  })
})
