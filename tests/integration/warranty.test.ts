import Stripe from 'stripe'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import { unscopedFindCoveringContract } from '~/db/repositories/warranty.server'
import type { CaseStatus } from '~/db/schema'
import { dayInWords } from '~/domain/cases/outcomes'
import { rosterKeys } from '~/domain/roster/names'
import { addDays, toIsoDate } from '~/domain/dates'
import type { ContractParty } from '~/domain/tenancy'
import * as coordinatorCase from '~/routes/coordinator.cases.$caseId'
import * as centerContract from '~/routes/center.contracts.$contractId'
import * as employerContract from '~/routes/employer.contracts.$contractId'
import * as memberCase from '~/routes/member.cases.$caseId'
import { createContractDraft, sendContractVersion, signContractVersion } from '~/services/contracts.server'
import { mirrorWarrantyCreditToStripe } from '~/services/warranty.server'
import { startLocalStripe, type LocalStripe } from '../support/stripe-server'
import { expectNoChange, fieldErrors, LONG } from './hostile'
import { actorOf, cookieFor, getRequest, postRequest, statusOf } from './support'
import { createTwoTenants, type TwoTenants } from './tenants'

/*
 * Issue 21, ADR 0016 §9, through the coordinator's case page (loader and action), the services
 * and the database: the 30- and 90-day check-ins and the first consult, recorded once when due;
 * warranty events under the contract covering the case ($0 at the center; elsewhere its cost,
 * credited back as a contract credit, mirrored to Stripe as a credit note on the case's invoice).
 * The real Stripe SDK talks to the local Stripe-compatible server.
 */

const stripeServer: LocalStripe = await startLocalStripe()
process.env.STRIPE_SECRET_KEY = 'sk_test_local'
process.env.STRIPE_WEBHOOK_SECRET = 'whsec_local_test_secret'
process.env.STRIPE_API_BASE = stripeServer.url
const sdk = new Stripe('sk_test_local', { host: '127.0.0.1', port: Number(new URL(stripeServer.url).port), protocol: 'http' })
afterAll(() => stripeServer.close())

const DAY_MS = 86_400_000
const today = () => toIsoDate(new Date())
const daysAgo = (days: number) => addDays(today(), -days)
const RANGE = 'Enter the cost of the care elsewhere, from $0.01 to $10,000,000'

let t: TwoTenants
let healthSystemId: string
let facilityId: string
let procedureCode: string
let contractId: string
const cookies = {} as Record<'coordinator' | 'adminA' | 'adminB' | 'center' | 'employeeA', string>

/**
 * A case of an employer at Test Medical Center (1 typical night), inserted as the care team left
 * it; for Ada (A's member with an account) or, since a member has one open case per procedure, a
 * new member of the employer's roster.
 */
async function insertCase(
  side: 'a' | 'b',
  status: CaseStatus,
  procedureDaysAgo: number,
  extra: Partial<{ hadComplication: 0 | 1; wasReadmitted: 0 | 1; satisfaction: number; forAda: boolean }> = {},
) {
  const db = getDb()
  const tenant = t[side]
  const offer = await db.selectFrom('programNetwork').innerJoin('offers', 'offers.id', 'programNetwork.offerId').select(['offers.id', 'offers.procedureId']).where('programVersionId', '=', tenant.versionId).executeTakeFirstOrThrow()
  let rosterMemberId = tenant.rosterMemberId
  if (!extra.forAda) {
    const member = await db.selectFrom('rosterMembers').selectAll().where('id', '=', tenant.rosterMemberId).executeTakeFirstOrThrow()
    rosterMemberId = newId()
    const employeeId = `W${rosterMemberId.slice(-8)}`
    await db.insertInto('rosterMembers').values({ ...member, id: rosterMemberId, employeeId, ...rosterKeys({ employeeId, firstName: member.firstName, lastName: member.lastName }) }).execute()
  }
  const id = newId()
  const requestedAt = new Date(Date.now() - (procedureDaysAgo + 40) * DAY_MS).toISOString()
  await db
    .insertInto('cases')
    .values({
      id, employerId: tenant.employerId, rosterMemberId, programVersionId: tenant.versionId, procedureId: offer.procedureId, offerId: offer.id, facilityId,
      status, statusReason: null, preferredStart: null, preferredEnd: null, scheduledDate: daysAgo(procedureDaysAgo), procedureDate: daysAgo(procedureDaysAgo), hasCompanion: 0,
      contactPreference: 'phone', contactPhone: '+16145550123', memberNote: null, bundlePriceCents: 2_800_000, memberCostCents: 0, travelEstimateCents: 0, travelActualCents: null,
      hadComplication: extra.hadComplication ?? null, wasReadmitted: extra.wasReadmitted ?? null, satisfaction: extra.satisfaction ?? null, requestedAt,
      completedAt: status === 'completed' ? requestedAt : null, updatedAt: requestedAt,
    })
    .execute()
  return id
}

const post = (caseId: string, form: Record<string, string>, cookie = cookies.coordinator) =>
  statusOf(coordinatorCase.action, postRequest(`/coordinator/cases/${caseId}`, form, { cookie }), { caseId })
type CasePage = Awaited<ReturnType<typeof coordinatorCase.loader>>
const page = async (caseId: string) => (await statusOf(coordinatorCase.loader, getRequest(`/coordinator/cases/${caseId}`, cookies.coordinator), { caseId })).body as CasePage
const caseRow = (caseId: string) => getDb().selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow()
const eventsOf = (caseId: string) => getDb().selectFrom('caseWarrantyEvents').selectAll().where('caseId', '=', caseId).orderBy('recordedAt').execute()
const creditsOf = (caseId: string) => getDb().selectFrom('contractCredits').selectAll().where('caseId', '=', caseId).orderBy('createdAt').execute()
const auditOf = (subjectId: string, action: string) =>
  getDb().selectFrom('auditLog').select(['actorUserId', 'detail', 'employerId']).where('subjectId', '=', subjectId).where('action', '=', action).orderBy('occurredAt').execute()

const elsewhere = (changes: Record<string, string> = {}) => ({
  intent: 'warranty', kind: 'readmission', occurredOn: daysAgo(3), place: 'elsewhere', providerName: 'Riverside Methodist', description: 'Readmitted for a wound infection',
  costCents: '8,450.25', ...changes,
})
const atCenter = (changes: Record<string, string> = {}) => ({ intent: 'warranty', kind: 'complication', occurredOn: daysAgo(2), place: 'center', description: 'Wound reopened, treated in clinic', ...changes })

/** Completes a case through the page (travel not covered), so it is invoiced and mirrored to Stripe; returns its ledger invoice. */
async function complete(caseId: string) {
  expect((await post(caseId, { to: 'completed' })).status).toBe(302)
  return getDb().selectFrom('invoices').selectAll().where('caseId', '=', caseId).executeTakeFirstOrThrow()
}

beforeAll(async () => {
  const db = getDb()
  t = await createTwoTenants(db)
  for (const [name, user] of [['coordinator', t.users.coordinator], ['adminA', t.users.adminA], ['adminB', t.users.adminB], ['center', t.users.center], ['employeeA', t.users.employeeA]] as const) {
    cookies[name] = await cookieFor(user)
  }
  const offer = await db
    .selectFrom('programNetwork')
    .innerJoin('offers', 'offers.id', 'programNetwork.offerId')
    .innerJoin('facilities', 'facilities.id', 'offers.facilityId')
    .innerJoin('procedures', 'procedures.id', 'offers.procedureId')
    .select(['facilities.id as facilityId', 'facilities.healthSystemId', 'offers.procedureId', 'procedures.code as procedureCode'])
    .where('programVersionId', '=', t.a.versionId)
    .executeTakeFirstOrThrow()
  healthSystemId = offer.healthSystemId!
  facilityId = offer.facilityId
  procedureCode = offer.procedureCode
  await db
    .insertInto('marketPrices')
    .values({
      id: newId(), procedureId: offer.procedureId, scope: 'national', scopeKey: 'US', facilityId: null, state: null, priceCents: 4_500_000, medicareBaseCents: 2_253_000,
      costIndex: null, commercialMultiplier: 2.5, source: 'test', computedAt: new Date().toISOString(),
    })
    .execute()
  // A contract of A with Test Health drafted 160 days ago: its one-year period began the next month,
  // so it covers procedures 100 and 20 days ago. Warranty: 90 days (the offer's), complications and readmissions.
  const drafted = new Date(Date.now() - 160 * DAY_MS)
  const purchaser: ContractParty = { side: 'purchaser', organizationId: t.a.employerId }
  const center: ContractParty = { side: 'center', organizationId: healthSystemId }
  const adminA = await actorOf(t.users.adminA)
  const made = await createContractDraft(adminA, { employerId: t.a.employerId }, { programId: t.a.programId, healthSystemId, title: 'Knee warranty contract' }, drafted)
  if (!made.ok) throw new Error('no draft')
  contractId = made.contractId
  expect(await sendContractVersion(adminA, purchaser, contractId, drafted)).toEqual({ ok: true })
  expect(await signContractVersion(adminA, purchaser, contractId, drafted)).toEqual({ ok: true })
  expect(await signContractVersion(await actorOf(t.users.center), center, contractId, drafted)).toEqual({ ok: true })
})

describe('which contract covers a case', () => {
  it("is the active contract of the case's employer with the facility's health system, its facility in the signed network, the procedure date in the period", async () => {
    const covering = await unscopedFindCoveringContract(getDb(), { employerId: t.a.employerId, facilityId, procedureCode, procedureDate: daysAgo(20) })
    expect(covering).toMatchObject({ contractId, version: 1, purchaserOrganizationId: t.a.employerId, healthSystemOrganizationId: healthSystemId })
    expect(covering!.terms.warranty).toEqual({ windowDays: 90, covers: ['complications', 'readmissions'] })
  })

  it.each([
    ['another employer at the same facility', () => ({ employerId: t.b.employerId, facilityId, procedureCode, procedureDate: daysAgo(20) })],
    ['a procedure before the period', () => ({ employerId: t.a.employerId, facilityId, procedureCode, procedureDate: daysAgo(170) })],
    ['a facility not in the catalog', () => ({ employerId: t.a.employerId, facilityId: newId(), procedureCode, procedureDate: daysAgo(20) })],
    ['a procedure without a bundle rate in the contract', () => ({ employerId: t.a.employerId, facilityId, procedureCode: 'NOT-A-CODE', procedureDate: daysAgo(20) })],
  ])('is none for %s', async (_, facts) => {
    expect(await unscopedFindCoveringContract(getDb(), facts())).toBeUndefined()
  })

  it("is none at another facility of the same health system that is not in the contract's network", async () => {
    const db = getDb()
    const facility = await db.selectFrom('facilities').selectAll().where('id', '=', facilityId).executeTakeFirstOrThrow()
    const sibling = newId()
    await db.insertInto('facilities').values({ ...facility, id: sibling, name: 'Test Medical Center East' }).execute()
    expect(await unscopedFindCoveringContract(db, { employerId: t.a.employerId, facilityId: sibling, procedureCode, procedureDate: daysAgo(20) })).toBeUndefined()
  })
})

describe('the 30- and 90-day check-ins and the first consult', () => {
  let recent: string
  let old: string
  beforeAll(async () => {
    recent = await insertCase('a', 'procedure_done', 20, { forAda: true })
    old = await insertCase('a', 'completed', 100, { forAda: true })
  })

  it('are not due 20 days after the procedure: the page says when, and recording is refused with nothing written', async () => {
    const { followUp } = await page(recent)
    expect(followUp.checkIns.map((c) => [c.checkpoint, c.state, c.dueOn])).toEqual([['thirty_day', 'not_due', addDays(daysAgo(20), 30)], ['ninety_day', 'not_due', addDays(daysAgo(20), 90)]])
    const refused = await expectNoChange(() => post(recent, { intent: 'thirty-day', wasReadmitted: 'no', satisfaction: '9' }))
    expect(refused.status).toBe(422)
    expect(fieldErrors(refused.body)['']).toEqual([
      `The 30-day check-in is due on ${dayInWords(addDays(daysAgo(20), 30))} (30 days after the procedure on ${dayInWords(daysAgo(20))}): record it from then on`,
    ])
    const ninety = await expectNoChange(() => post(recent, { intent: 'ninety-day', hadComplication: 'no', hasPatientReportedOutcomes: 'yes' }))
    expect(fieldErrors(ninety.body)['']).toEqual([
      `The 90-day check-in is due on ${dayInWords(addDays(daysAgo(20), 90))} (90 days after the procedure on ${dayInWords(daysAgo(20))}): record it from then on`,
    ])
  })

  it("show the member the check-ins still to come on their case's page", async () => {
    const result = await statusOf(memberCase.loader, getRequest(`/member/cases/${recent}`, cookies.employeeA), { caseId: recent })
    expect((result.body as { checkIns: unknown }).checkIns).toEqual([
      { checkpoint: 'thirty_day', dueOn: addDays(daysAgo(20), 30), isDue: false },
      { checkpoint: 'ninety_day', dueOn: addDays(daysAgo(20), 90), isDue: false },
    ])
  })

  it('are recorded once each after they fall due, audited, then shown read-only', async () => {
    expect((await page(old)).followUp.checkIns.map((c) => [c.state, 'isOverdue' in c ? c.isOverdue : null])).toEqual([['due', true], ['due', false]])
    expect((await post(old, { intent: 'thirty-day', wasReadmitted: 'no', satisfaction: '8' })).status).toBe(302)
    expect((await post(old, { intent: 'ninety-day', hadComplication: 'yes', hasPatientReportedOutcomes: 'yes' })).status).toBe(302)
    const row = await caseRow(old)
    expect(row).toMatchObject({ wasReadmitted: 0, satisfaction: 8, hadComplication: 1, hasPatientReportedOutcomes: 1, status: 'completed' })
    expect(row.thirtyDayOutcomesAt).not.toBeNull()
    expect(row.ninetyDayOutcomesAt).not.toBeNull()
    expect(await auditOf(old, 'case.thirty_day_outcomes_recorded')).toEqual([{ actorUserId: t.users.coordinator, employerId: t.a.employerId, detail: '{"wasReadmitted":false,"satisfaction":8}' }])
    expect(await auditOf(old, 'case.ninety_day_outcomes_recorded')).toHaveLength(1)

    const { followUp } = await page(old)
    expect(followUp.checkIns.map((c) => ({ state: c.state, recordedBy: c.recordedBy, answers: c.answers }))).toEqual([
      { state: 'recorded', recordedBy: 'care_coordinator user', answers: [{ question: 'Readmitted within 30 days', answer: 'no' }, { question: 'Satisfaction (0–10)', answer: '8' }] },
      { state: 'recorded', recordedBy: 'care_coordinator user', answers: [{ question: 'Complication within 90 days', answer: 'yes' }, { question: 'Patient-reported outcomes answered', answer: 'yes' }] },
    ])
    // The member has no check-in left to wait for.
    const member = await statusOf(memberCase.loader, getRequest(`/member/cases/${old}`, cookies.employeeA), { caseId: old })
    expect((member.body as { checkIns: unknown[] }).checkIns).toEqual([])

    const again = await expectNoChange(() => post(old, { intent: 'thirty-day', wasReadmitted: 'yes' }))
    expect(again.status).toBe(422)
    expect(fieldErrors(again.body)['']).toEqual([`The 30-day check-in was recorded on ${dayInWords(today())} and cannot change`])
  })

  it('keep the outcomes of a case completed before the check-ins, read-only', async () => {
    const legacy = await insertCase('a', 'completed', 120, { hadComplication: 0, wasReadmitted: 0, satisfaction: 9 })
    const { followUp } = await page(legacy)
    expect(followUp.checkIns.map((c) => [c.state, 'recordedAt' in c ? c.recordedAt : undefined, c.answers[0]?.answer])).toEqual([['recorded', null, 'no'], ['recorded', null, 'no']])
    const refused = await expectNoChange(() => post(legacy, { intent: 'thirty-day', wasReadmitted: 'yes', satisfaction: '2' }))
    expect(fieldErrors(refused.body)['']).toEqual(['The outcomes of this case were recorded when it was completed and cannot change'])
    expect(await caseRow(legacy)).toMatchObject({ hadComplication: 0, wasReadmitted: 0, satisfaction: 9, thirtyDayOutcomesAt: null })
  })

  it('take the first consult date once, not before the request, not after the procedure', async () => {
    const row = await caseRow(recent)
    const requestedOn = row.requestedAt.slice(0, 10)
    const early = await expectNoChange(() => post(recent, { intent: 'first-consult', firstConsultDate: addDays(requestedOn, -1) }))
    expect(fieldErrors(early.body).firstConsultDate).toEqual([`The first consult cannot be before the member asked for care (${dayInWords(requestedOn)})`])
    const late = await expectNoChange(() => post(recent, { intent: 'first-consult', firstConsultDate: daysAgo(19) }))
    expect(fieldErrors(late.body).firstConsultDate).toEqual([`The first consult cannot be after the procedure (${dayInWords(daysAgo(20))})`])
    expect((await post(recent, { intent: 'first-consult', firstConsultDate: addDays(requestedOn, 6) })).status).toBe(302)
    expect((await caseRow(recent)).firstConsultDate).toBe(addDays(requestedOn, 6))
    expect((await page(recent)).followUp.firstConsult).toEqual({ date: addDays(requestedOn, 6), recordedBy: 'care_coordinator user' })
    const again = await expectNoChange(() => post(recent, { intent: 'first-consult', firstConsultDate: addDays(requestedOn, 7) }))
    expect(fieldErrors(again.body).firstConsultDate).toEqual([`The first consult date is already recorded (${dayInWords(addDays(requestedOn, 6))}) and cannot change`])
  })
})

describe('warranty events', () => {
  let recent: string
  let old: string
  beforeAll(async () => {
    recent = await insertCase('a', 'procedure_done', 20)
    old = await insertCase('a', 'procedure_done', 100)
  })

  it('shows the contract, its window and the form from the procedure day while its period is open', async () => {
    const { warranty } = await page(recent)
    // Procedure 20 days ago, 1 typical night: discharge 19 days ago, window to 71 days from now.
    expect(warranty.contract).toMatchObject({ id: contractId, title: 'Knee warranty contract', version: 1, coverage: 'complications and readmissions', canRecord: true })
    expect(warranty.contract!.window).toEqual({ from: daysAgo(20), dischargeDate: daysAgo(19), lastDay: addDays(daysAgo(19), 90), windowDays: 90 })
    // 100 days ago: the window ended 9 days ago, but a claim for an event inside it may still come in while the period is open.
    expect((await page(old)).warranty.contract).toMatchObject({ canRecord: true, window: { lastDay: daysAgo(9) } })
  })

  it('at the center: invoiced at $0, no credit', async () => {
    expect((await post(recent, atCenter({ providerName: 'ignored at the center' }))).status).toBe(302)
    const [event] = await eventsOf(recent)
    expect(event).toMatchObject({
      contractId, kind: 'complication', occurredOn: daysAgo(2), place: 'center', providerName: null, costCents: 0, creditedCents: 0, recordedByUserId: t.users.coordinator,
    })
    expect(await creditsOf(recent)).toEqual([])
    expect(await auditOf(recent, 'case.warranty_event_recorded')).toHaveLength(1)
  })

  it("elsewhere: its cost, credited back in full by the center to the purchaser; without a Stripe invoice it stays in the ledger", async () => {
    expect((await post(recent, elsewhere())).status).toBe(302)
    const event = (await eventsOf(recent)).find((e) => e.place === 'elsewhere')!
    // $8,450.25 typed → 845,025 cents, credited in full.
    expect(event).toMatchObject({ kind: 'readmission', providerName: 'Riverside Methodist', costCents: 845_025, creditedCents: 845_025, description: 'Readmitted for a wound infection' })
    const [credit] = await creditsOf(recent)
    expect(credit).toMatchObject({
      contractId, warrantyEventId: event.id, purchaserOrganizationId: t.a.employerId, healthSystemOrganizationId: healthSystemId, amountCents: 845_025, stripeCreditNoteId: null,
      description: `Warranty credit, case ${recent} (Total knee replacement): readmission on ${daysAgo(3)} at Riverside Methodist`,
    })
    const kept = await auditOf(contractId, 'contract.warranty_credit_kept_in_ledger')
    expect(kept.map((k) => JSON.parse(k.detail!) as { creditId: string; outcome: string })).toContainEqual(expect.objectContaining({ creditId: credit!.id, outcome: 'invoice-not-in-stripe' }))
    const shown = (await page(recent)).warranty.events.find((e) => e.id === event.id)!
    expect(shown).toMatchObject({ costCents: 845_025, creditedCents: 845_025, recordedBy: 'care_coordinator user', creditStatus: "In the ledger only: the case's invoice is not in Stripe" })
  })

  it('after the window is refused with its last day named, and nothing is written', async () => {
    const refused = await expectNoChange(() => post(old, elsewhere({ occurredOn: daysAgo(5) })))
    expect(refused.status).toBe(422)
    expect(fieldErrors(refused.body).occurredOn).toEqual([
      `This readmission is after the warranty window, which ended on ${dayInWords(daysAgo(9))} (90 days after discharge on ${dayInWords(daysAgo(99))})`,
    ])
    // Inside the window, recorded late, it counts.
    expect((await post(old, elsewhere({ occurredOn: daysAgo(9), costCents: '100' }))).status).toBe(302)
    expect(await creditsOf(old)).toMatchObject([{ amountCents: 10_000 }])
  })

  it('before the procedure is refused', async () => {
    const refused = await expectNoChange(() => post(recent, atCenter({ occurredOn: daysAgo(21) })))
    expect(fieldErrors(refused.body).occurredOn).toEqual([`The complication cannot be before the procedure (${dayInWords(daysAgo(20))})`])
  })

  it("is refused once the case's period is closed and its statement issued: the form is gone and nothing is written", async () => {
    const db = getDb()
    const procedureDate = daysAgo(20)
    const period = await db.selectFrom('contractPeriods').select(['id', 'periodStart', 'periodEnd', 'status']).where('contractId', '=', contractId).where('periodStart', '<=', procedureDate).where('periodEnd', '>=', procedureDate).executeTakeFirstOrThrow()
    await db.updateTable('contractPeriods').set({ status: 'reconciled' }).where('id', '=', period.id).execute()
    try {
      expect((await page(recent)).warranty.contract).toMatchObject({
        canRecord: false,
        notOffered: `The period this case belongs to (${dayInWords(period.periodStart)} to ${dayInWords(period.periodEnd)}) is closed and its statement issued: a warranty event can no longer change it.`,
      })
      const refused = await expectNoChange(() => post(recent, elsewhere()))
      expect(refused.status).toBe(422)
      expect(fieldErrors(refused.body)['']).toEqual([
        `The period this case belongs to (${dayInWords(period.periodStart)} to ${dayInWords(period.periodEnd)}) is closed and its statement issued: a warranty event can no longer change it`,
      ])
    } finally {
      await db.updateTable('contractPeriods').set({ status: period.status }).where('id', '=', period.id).execute()
    }
  })

  it('is refused for a case no contract covers (another employer at the same facility), and the page says so', async () => {
    const other = await insertCase('b', 'procedure_done', 20)
    expect((await page(other)).warranty).toEqual({ contract: null, events: [] })
    const refused = await expectNoChange(() => post(other, elsewhere()))
    expect(refused.status).toBe(422)
    expect(fieldErrors(refused.body)['']).toEqual(['This case is not under a value-based contract, so no warranty covers it'])
  })

  it('answers 404 for a case that is not there, and 403 to everyone but the care team, writing nothing', async () => {
    const missing = newId()
    expect((await expectNoChange(() => post(missing, elsewhere()))).status).toBe(404)
    for (const cookie of [cookies.adminA, cookies.center, cookies.employeeA]) {
      expect((await expectNoChange(() => post(recent, elsewhere(), cookie))).status).toBe(403)
      expect((await expectNoChange(() => post(recent, { intent: 'thirty-day', wasReadmitted: 'no' }, cookie))).status).toBe(403)
    }
    const signedOut = await expectNoChange(() => statusOf(coordinatorCase.action, postRequest(`/coordinator/cases/${recent}`, elsewhere()), { caseId: recent }))
    expect(signedOut.status).toBe(302)
    expect(signedOut.location).toMatch(/^\/login\?redirectTo=/)
  })

  it("are listed on the contract's page for both parties, and the other employer gets 404", async () => {
    const employer = await statusOf(employerContract.loader, getRequest(`/employer/contracts/${contractId}`, cookies.adminA), { contractId })
    const health = await statusOf(centerContract.loader, getRequest(`/center/contracts/${contractId}`, cookies.center), { contractId })
    type Listed = { warrantyEvents: Array<{ caseId: string; kind: string; place: string; costCents: number; creditedCents: number; procedureName: string }> }
    const listed = (employer.body as Listed).warrantyEvents
    expect(listed.filter((e) => e.caseId === recent).map((e) => [e.kind, e.place, e.costCents, e.creditedCents, e.procedureName])).toEqual([
      ['readmission', 'elsewhere', 845_025, 845_025, 'Total knee replacement'],
      ['complication', 'center', 0, 0, 'Total knee replacement'],
    ])
    expect((health.body as Listed).warrantyEvents).toEqual(listed)
    expect(JSON.stringify(listed)).not.toContain('Ada')
    expect((await statusOf(employerContract.loader, getRequest(`/employer/contracts/${contractId}`, cookies.adminB), { contractId })).status).toBe(404)
  })
})

describe('a warranty credit mirrored to Stripe as a credit note', () => {
  it("goes on the case's open Stripe invoice and lowers what is due", async () => {
    const caseId = await insertCase('a', 'procedure_done', 20)
    const invoice = await complete(caseId)
    // $28,000 bundle + $500 completion incentive, no travel, no platform fee configured.
    expect(invoice).toMatchObject({ totalCents: 2_850_000 })
    expect(invoice.stripeInvoiceId).toMatch(/^in_/)
    expect((await post(caseId, elsewhere({ costCents: '1,200' }))).status).toBe(302)
    const [credit] = await creditsOf(caseId)
    expect(credit!.stripeCreditNoteId).toMatch(/^cn_/)
    const note = await sdk.creditNotes.retrieve(credit!.stripeCreditNoteId!)
    expect(note).toMatchObject({
      invoice: invoice.stripeInvoiceId, amount: 120_000, total: 120_000, pre_payment_amount: 120_000, post_payment_amount: 0, type: 'pre_payment', status: 'issued',
      memo: credit!.description, metadata: { contractCreditId: credit!.id, contractId, caseId },
    })
    expect(note.lines.data).toMatchObject([{ type: 'custom_line_item', amount: 120_000, quantity: 1, description: credit!.description }])
    expect(await sdk.invoices.retrieve(invoice.stripeInvoiceId!)).toMatchObject({ total: 2_850_000, amount_due: 2_730_000, pre_payment_credit_notes_amount: 120_000 })
    expect((await page(caseId)).warranty.events[0]!.creditStatus).toBe(`Credit note ${credit!.stripeCreditNoteId} in Stripe`)
    expect(await auditOf(contractId, 'contract.warranty_credit_mirrored')).toContainEqual(expect.objectContaining({ actorUserId: t.users.coordinator }))

    // Mirroring again (a retry) issues nothing more.
    expect(await mirrorWarrantyCreditToStripe(credit!.id)).toBe('already-mirrored')
    expect([...stripeServer.state.creditNotes.values()].filter((n) => n.invoice === invoice.stripeInvoiceId)).toHaveLength(1)
  })

  it("on a paid invoice goes to the customer's balance", async () => {
    const caseId = await insertCase('a', 'procedure_done', 20)
    const invoice = await complete(caseId)
    Object.assign(stripeServer.state.invoices.get(invoice.stripeInvoiceId!)!, { status: 'paid', amount_paid: 2_850_000, amount_remaining: 0 })
    expect((await post(caseId, elsewhere({ costCents: '500' }))).status).toBe(302)
    const [credit] = await creditsOf(caseId)
    const note = await sdk.creditNotes.retrieve(credit!.stripeCreditNoteId!)
    expect(note).toMatchObject({ amount: 50_000, pre_payment_amount: 0, post_payment_amount: 50_000, type: 'post_payment' })
    expect(note.customer_balance_transaction).toMatch(/^cbtxn_/)
  })

  it('larger than the invoice stays in the ledger only, and the page says why', async () => {
    const caseId = await insertCase('a', 'procedure_done', 20)
    const invoice = await complete(caseId)
    const notesBefore = stripeServer.state.creditNotes.size
    expect((await post(caseId, elsewhere({ costCents: '30,000' }))).status).toBe(302)
    const [credit] = await creditsOf(caseId)
    expect(credit).toMatchObject({ amountCents: 3_000_000, stripeCreditNoteId: null })
    expect(stripeServer.state.creditNotes.size).toBe(notesBefore)
    expect(await sdk.invoices.retrieve(invoice.stripeInvoiceId!)).toMatchObject({ amount_due: 2_850_000, pre_payment_credit_notes_amount: 0 })
    expect((await page(caseId)).warranty.events[0]!.creditStatus).toBe("In the ledger only: larger than what the case's Stripe invoice can still be credited, so no Stripe credit note")
  })

  it('stays in the ledger when Stripe fails, and the event is recorded all the same', async () => {
    const caseId = await insertCase('a', 'procedure_done', 20)
    const invoice = await complete(caseId)
    await getDb().updateTable('invoices').set({ stripeInvoiceId: 'in_test_gone' }).where('id', '=', invoice.id).execute()
    expect((await post(caseId, elsewhere())).status).toBe(302)
    expect(await eventsOf(caseId)).toHaveLength(1)
    const [credit] = await creditsOf(caseId)
    expect(credit).toMatchObject({ amountCents: 845_025, stripeCreditNoteId: null })
    expect((await page(caseId)).warranty.events[0]!.creditStatus).toBe('In the ledger only: Stripe did not take the credit note (logged)')
  })
})

describe('hostile input on the follow-up forms is refused with its message, and nothing changes', () => {
  let recent: string
  let old: string
  beforeAll(async () => {
    recent = await insertCase('a', 'procedure_done', 20)
    old = await insertCase('a', 'procedure_done', 100)
  })
  const DOLLARS = 'Enter the cost of the care elsewhere in dollars, like 1500 or 1,500.00'
  it.each<[string, () => [string, Record<string, string>], string, string]>([
    ['cost "-5"', () => [recent, elsewhere({ costCents: '-5' })], 'costCents', RANGE],
    ['cost "1e9"', () => [recent, elsewhere({ costCents: '1e9' })], 'costCents', DOLLARS],
    ['cost "$abc"', () => [recent, elsewhere({ costCents: '$abc' })], 'costCents', DOLLARS],
    ['cost "0"', () => [recent, elsewhere({ costCents: '0' })], 'costCents', RANGE],
    ['cost "10000000.01"', () => [recent, elsewhere({ costCents: '10000000.01' })], 'costCents', RANGE],
    ['date "2026-02-30"', () => [recent, elsewhere({ occurredOn: '2026-02-30' })], 'occurredOn', 'Enter the date it happened as a real date'],
    ['a 10 KB description', () => [recent, elsewhere({ description: LONG })], 'description', 'Keep the description under 1,000 characters'],
    ['place "moon"', () => [recent, elsewhere({ place: 'moon' })], 'place', 'Choose where the care took place: at the center or elsewhere'],
    ['kind "headache"', () => [recent, elsewhere({ kind: 'headache' })], 'kind', 'Choose a complication or a readmission'],
    ['a 10 KB provider name', () => [recent, elsewhere({ providerName: LONG })], 'providerName', 'Keep the provider name under 200 characters'],
    ['NUL in a description', () => [recent, elsewhere({ description: 'Fell\u0000 at home' })], 'description', 'Remove the control characters (such as NUL) from this text'],
    ['satisfaction "1e3"', () => [old, { intent: 'thirty-day', wasReadmitted: 'no', satisfaction: '1e3' }], 'satisfaction', 'Satisfaction is a whole number from 0 to 10'],
    ['satisfaction "NaN"', () => [old, { intent: 'thirty-day', wasReadmitted: 'no', satisfaction: 'NaN' }], 'satisfaction', 'Satisfaction is a whole number from 0 to 10'],
    ['satisfaction "11"', () => [old, { intent: 'thirty-day', wasReadmitted: 'no', satisfaction: '11' }], 'satisfaction', 'Satisfaction is a whole number from 0 to 10'],
    ['readmitted "maybe"', () => [old, { intent: 'thirty-day', wasReadmitted: 'maybe' }], 'wasReadmitted', 'Say whether the member was readmitted within 30 days'],
    ['no answer on the 90-day check-in', () => [old, { intent: 'ninety-day' }], 'hadComplication', 'Say whether there was a complication within 90 days'],
    ['first consult "2026-02-30"', () => [old, { intent: 'first-consult', firstConsultDate: '2026-02-30' }], 'firstConsultDate', 'Enter the first consult date as a real date'],
  ])('%s', async (_, input, field, message) => {
    const [caseId, form] = input()
    const result = await expectNoChange(() => post(caseId, form))
    expect(result.status).toBe(400)
    expect(fieldErrors(result.body)[field]).toEqual([message])
  })
})
