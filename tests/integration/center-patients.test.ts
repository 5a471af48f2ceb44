import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '~/db/client.server'
import { ContractTermsSchema } from '~/domain/contracts/terms'
import * as editOffer from '~/routes/center.offers.$offerId'
import * as coordinatorCase from '~/routes/coordinator.cases.$caseId'
import * as patientPage from '~/routes/center.patients.$caseId'
import * as patientList from '~/routes/center.patients._index'
import { cookieFor, getRequest, postRequest, statusOf } from './support'
import { createAccessFixtures, createTwoTenants, type AccessFixtures, type TwoTenants } from './tenants'

let t: TwoTenants
let fx: AccessFixtures
let center: string
let coordinator: string
let caseId: string
const isoDaysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)
const db = () => getDb()
const errorsOf = (body: unknown) => (body as { error: Record<string, string[]> }).error
const view = (id = caseId) => statusOf(patientPage.loader, getRequest(`/center/patients/${id}`, center), { caseId: id })
const post = (form: Record<string, string>, id = caseId) => statusOf(patientPage.action, postRequest(`/center/patients/${id}`, form, { cookie: center }), { caseId: id })
const decide = (form: Record<string, string>) => statusOf(coordinatorCase.action, postRequest(`/coordinator/cases/${caseId}`, form, { cookie: coordinator }), { caseId })
const proposals = () => db().selectFrom('surgeryDateProposals').selectAll().where('caseId', '=', caseId).orderBy('proposedAt').execute()
const audits = (action: string) => db().selectFrom('auditLog').selectAll().where('action', '=', action).execute()
const snapshot = async () => ({
  proposals: await proposals(),
  tasks: await db().selectFrom('caseTasks').selectAll().execute(),
  cases: await db().selectFrom('cases').select(['id', 'status', 'scheduledDate']).orderBy('id').execute(),
})

beforeAll(async () => {
  t = await createTwoTenants(getDb())
  fx = await createAccessFixtures(getDb(), t)
  center = await cookieFor(t.users.center)
  coordinator = await cookieFor(t.users.coordinator)
  caseId = fx.own.caseId
  // The fixture case is only requested; the care team verifies eligibility (the health system sees it from then on).
  const moved = await statusOf(coordinatorCase.action, postRequest(`/coordinator/cases/${caseId}`, { to: 'eligibility_verified' }, { cookie: coordinator }), { caseId })
  expect(moved.status).toBe(302)
})

describe('incoming patients: minimum necessary, scoped, audited', () => {
  it('lists the authorised case at its facility with only the minimum necessary fields, and audits the view', async () => {
    const before = (await audits('incoming_patients.viewed')).length
    const result = await statusOf(patientList.loader, getRequest('/center/patients', center))
    expect(result.status).toBe(200)
    const { patients } = result.body as { patients: Array<Record<string, unknown>> }
    expect(patients.map((p) => p.id)).toEqual([caseId])
    expect(Object.keys(patients[0]!).sort()).toEqual(
      ['dateOfBirth', 'facilityName', 'firstName', 'hasCompanion', 'id', 'isTravelCovered', 'lastName', 'preferredEnd', 'preferredStart', 'procedureDate', 'procedureName', 'scheduledDate', 'status'].sort(),
    )
    for (const absent of ['bundlePriceCents', 'memberCostCents', 'travelEstimateCents', 'employeeId', 'zip', 'memberZip', 'planName', 'employerName', 'contactPhone', 'memberNote', 'contactEmail']) {
      expect(patients[0]).not.toHaveProperty(absent)
    }
    expect(await audits('incoming_patients.viewed')).toHaveLength(before + 1)
  })

  it.each([
    ['status scheduled (none yet)', '?status=scheduled', 0],
    ['status eligibility verified', '?status=eligibility_verified', 1],
    ['upcoming surgeries only (none scheduled)', '?upcoming=1', 0],
    ['another facility id', '?facility=nope', 0],
    ['a made-up status is ignored', '?status=%27%20OR%201%3D1--', 1],
  ])('filters: %s', async (_name, query, count) => {
    const result = await statusOf(patientList.loader, getRequest(`/center/patients${query}`, center))
    expect((result.body as { patients: unknown[] }).patients).toHaveLength(count)
  })

  it('shows one patient, audited, without cost or plan details', async () => {
    const result = await view()
    expect(result.status).toBe(200)
    const body = result.body as { patient: Record<string, unknown> }
    expect(body.patient.status).toBe('eligibility_verified')
    expect(body.patient).not.toHaveProperty('bundlePriceCents')
    expect(body.patient).not.toHaveProperty('memberCostCents')
    const entries = await audits('incoming_patient.viewed')
    expect(entries.some((e) => e.subjectId === caseId && e.actorUserId === t.users.center)).toBe(true)
  })

  it.each([
    ["another health system's case", () => fx.foreign.caseId],
    ['a made-up id', () => 'no-such-case'],
    ['SQL in the id', () => "' OR 1=1 --"],
  ])('%s: 404', async (_name, id) => {
    expect((await view(id())).status).toBe(404)
    expect((await post({ intent: 'propose', proposedDate: isoDaysFromNow(30) }, id())).status).toBe(404)
  })
})

describe('tasks under the contract in force', () => {
  it("lists the center's activities as tasks and names the others' party; marks one done once, audited", async () => {
    const terms = ContractTermsSchema.parse(JSON.parse((await db().selectFrom('contractVersions').select('terms').where('contractId', '=', fx.own.contractId).where('status', '=', 'signed').orderBy('version', 'desc').executeTakeFirstOrThrow()).terms))
    const result = await view()
    const { contract } = result.body as { contract: { activities: Array<{ activity: string; party: string; doneAt: string | null }> } | null }
    expect(contract).not.toBeNull()
    expect(contract!.activities.map((a) => [a.activity, a.party])).toEqual(Object.entries(terms.responsibilities))
    // The drafted terms give discharge follow-up and outcome reporting to the center, the rest to the platform.
    const mine = contract!.activities.find((a) => a.party === 'center')!
    const theirs = contract!.activities.find((a) => a.party !== 'center')!
    {
      const before = await snapshot()
      const refused = await post({ intent: 'task', activity: theirs.activity })
      expect(refused.status).toBe(422)
      expect(errorsOf(refused.body).activity).toEqual(['This activity is not your responsibility under the contract'])
      expect(await snapshot()).toEqual(before)
    }
    {
      expect((await post({ intent: 'task', activity: mine.activity })).status).toBe(302)
      const again = await post({ intent: 'task', activity: mine.activity })
      expect(errorsOf(again.body).activity).toEqual(['This task is already marked done'])
      expect(await db().selectFrom('caseTasks').selectAll().where('caseId', '=', caseId).execute()).toHaveLength(1)
      expect((await audits('case_task.done')).filter((e) => e.subjectId === caseId)).toHaveLength(1)
    }
  })

  it('without a contract in force it says so and shows no tasks, and refuses to mark one', async () => {
    await db().updateTable('contracts').set({ status: 'ended' }).where('id', '=', fx.own.contractId).execute()
    try {
      expect(((await view()).body as { contract: unknown }).contract).toBeNull()
      const refused = await post({ intent: 'task', activity: 'outcome_reporting' })
      expect(errorsOf(refused.body).activity).toEqual(['No contract in force covers this case: there are no tasks to mark done'])
    } finally {
      await db().updateTable('contracts').set({ status: 'active' }).where('id', '=', fx.own.contractId).execute()
    }
  })
})

describe('surgery date proposals', () => {
  it.each([
    ['not a real date (2026-02-30)', '2026-02-30', 'Enter the surgery date as a real date'],
    ['today (in the past or now)', isoDaysFromNow(0), `Propose a surgery date from tomorrow (${isoDaysFromNow(1)}) on`],
    ['last year', isoDaysFromNow(-365), `Propose a surgery date from tomorrow (${isoDaysFromNow(1)}) on`],
    ['five years ahead', isoDaysFromNow(5 * 365), null],
  ])('refuses %s and changes nothing', async (_name, proposedDate, message) => {
    const before = await snapshot()
    const result = await post({ intent: 'propose', proposedDate })
    expect(result.status).toBe(422)
    const errors = errorsOf(result.body).proposedDate!
    if (message) expect(errors).toEqual([message])
    else expect(errors[0]).toMatch(/^Propose a surgery date no more than 18 months ahead \(by \d{4}-\d{2}-\d{2}\)$/)
    expect(await snapshot()).toEqual(before)
  })

  it('refuses a 5 KB note', async () => {
    const before = await snapshot()
    const result = await post({ intent: 'propose', proposedDate: isoDaysFromNow(30), note: 'x'.repeat(5000) })
    expect(result.status).toBe(400)
    expect(errorsOf(result.body).note).toEqual(['Keep the note to 500 characters'])
    expect(await snapshot()).toEqual(before)
  })

  it('one open proposal at a time; the center can withdraw its open one', async () => {
    expect((await post({ intent: 'propose', proposedDate: isoDaysFromNow(20), note: 'Dr. Lee, morning' })).status).toBe(302)
    const second = await post({ intent: 'propose', proposedDate: isoDaysFromNow(21) })
    expect(errorsOf(second.body).proposedDate).toEqual(['This case already has an open proposal: withdraw it before proposing another date'])
    expect(await proposals()).toHaveLength(1)
    expect((await post({ intent: 'withdraw' })).status).toBe(302)
    expect((await proposals()).map((p) => p.status)).toEqual(['withdrawn'])
    expect((await audits('surgery_date.withdrawn')).some((e) => e.subjectId === caseId)).toBe(true)
  })

  it('the coordinator sees the open proposal, declines it with a reason (required)', async () => {
    expect((await post({ intent: 'propose', proposedDate: isoDaysFromNow(25) })).status).toBe(302)
    const page = await statusOf(coordinatorCase.loader, getRequest(`/coordinator/cases/${caseId}`, coordinator), { caseId })
    const proposal = (page.body as { proposal: { id: string; proposedDate: string } | null }).proposal
    expect(proposal?.proposedDate).toBe(isoDaysFromNow(25))
    const noReason = await decide({ intent: 'decline-proposal', proposalId: proposal!.id })
    expect(errorsOf(noReason.body).reason).toEqual(['Say why you decline the proposed date'])
    expect((await decide({ intent: 'decline-proposal', proposalId: proposal!.id, reason: 'Member travels that week' })).status).toBe(302)
    const declined = (await proposals()).find((p) => p.id === proposal!.id)!
    expect([declined.status, declined.decisionNote]).toEqual(['declined', 'Member travels that week'])
    expect((await audits('surgery_date.declined')).some((e) => e.subjectId === caseId)).toBe(true)
  })

  it('confirming schedules the case on that date in the same step; then no more proposals', async () => {
    const date = isoDaysFromNow(40)
    expect((await post({ intent: 'propose', proposedDate: date })).status).toBe(302)
    const open = (await proposals()).find((p) => p.status === 'proposed')!
    expect((await decide({ intent: 'confirm-proposal', proposalId: 'not-this-one' })).status).toBe(422)
    expect((await decide({ intent: 'confirm-proposal', proposalId: open.id })).status).toBe(302)
    const row = await db().selectFrom('cases').select(['status', 'scheduledDate']).where('id', '=', caseId).executeTakeFirstOrThrow()
    expect(row).toEqual({ status: 'scheduled', scheduledDate: date })
    expect((await proposals()).find((p) => p.id === open.id)!.status).toBe('confirmed')
    expect((await audits('surgery_date.confirmed')).some((e) => e.subjectId === caseId)).toBe(true)
    expect((await audits('case.scheduled')).some((e) => e.subjectId === caseId)).toBe(true)
    const outbox = await db().selectFrom('emailOutbox').selectAll().execute()
    expect(outbox.some((m) => JSON.stringify(m).includes('scheduled') || JSON.stringify(m).toLowerCase().includes('schedul'))).toBe(true)
    const after = await post({ intent: 'propose', proposedDate: isoDaysFromNow(50) })
    expect(errorsOf(after.body).proposedDate).toEqual(['A surgery date can be proposed only while the case is eligibility verified (not yet scheduled)'])
    const seen = await statusOf(patientList.loader, getRequest('/center/patients?upcoming=1', center))
    expect((seen.body as { patients: Array<{ id: string; status: string; scheduledDate: string }> }).patients).toEqual([expect.objectContaining({ id: caseId, status: 'scheduled', scheduledDate: date })])
  })
})

describe('offers: where each is included, the price warning, the facility and procedure lock', () => {
  const offerForm = async (overrides: Record<string, string> = {}) => {
    const o = await db().selectFrom('offers').selectAll().where('id', '=', fx.own.offerId).executeTakeFirstOrThrow()
    return {
      facilityId: o.facilityId, procedureId: o.procedureId, priceCents: String(o.priceCents / 100), includesFacility: 'on', includesSurgeon: 'on', includesAnesthesia: 'on',
      includesImplant: 'on', warrantyDays: String(o.warrantyDays), followUpVisits: String(o.followUpVisits), validFrom: o.validFrom, status: 'active', ...overrides,
    }
  }
  const save = async (form: Record<string, string>) => statusOf(editOffer.action, postRequest(`/center/offers/${fx.own.offerId}`, form, { cookie: center }), { offerId: fx.own.offerId })
  const offerRow = () => db().selectFrom('offers').select(['facilityId', 'procedureId', 'priceCents', 'updatedAt']).where('id', '=', fx.own.offerId).executeTakeFirstOrThrow()
  const employerName = async () => (await db().selectFrom('organizations').select('name').where('id', '=', t.a.employerId).executeTakeFirstOrThrow()).name

  it("lists the employer's published program and the signed contract that include the offer", async () => {
    const page = await statusOf(editOffer.loader, getRequest(`/center/offers/${fx.own.offerId}`, center), { offerId: fx.own.offerId })
    const { inclusion } = page.body as { inclusion: { programs: Array<{ employerName: string; programName: string }>; contracts: Array<{ id: string; purchaserName: string }> } }
    // Both employers' published programs hold the health system's offer (tenants.ts); B has no contract with it.
    const names = await db().selectFrom('programs').innerJoin('organizations', 'organizations.id', 'programs.employerId').select(['programs.name', 'organizations.name as employer']).where('programs.id', 'in', [t.a.programId, t.b.programId]).orderBy('organizations.name').execute()
    expect(inclusion.programs.map((p) => [p.employerName, p.programName])).toEqual(names.map((n) => [n.employer, n.name]))
    expect(inclusion.contracts).toEqual([expect.objectContaining({ id: fx.own.contractId, purchaserName: await employerName() })])
  })

  it('a price change without the new-contracts-only confirmation is refused and changes nothing; with it, it saves', async () => {
    const before = await offerRow()
    const newPrice = String(before.priceCents / 100 + 500)
    const refused = await save(await offerForm({ priceCents: newPrice }))
    expect(refused.status).toBe(422)
    expect(errorsOf(refused.body).confirmPriceChange).toEqual(['Confirm that the new price applies to new contracts and new program versions only: signed contracts keep their frozen rates'])
    expect(await offerRow()).toEqual(before)
    expect((await save(await offerForm({ priceCents: newPrice, confirmPriceChange: 'on' }))).status).toBe(302)
    expect((await offerRow()).priceCents).toBe(before.priceCents + 50_000)
    // The same price needs no confirmation.
    expect((await save(await offerForm())).status).toBe(302)
  })

  it.each([
    ['the facility', 'facilityId'],
    ['the procedure', 'procedureId'],
  ])('an offer under a signed contract cannot change %s', async (_name, field) => {
    // A second facility of the same health system, and a second procedure of the catalog, so only the lock can refuse.
    const other = `second-${field}`
    if (field === 'facilityId') {
      const facility = await db().selectFrom('facilities').selectAll().where('id', '=', fx.facilityId).executeTakeFirstOrThrow()
      await db().insertInto('facilities').values({ ...facility, id: other, name: 'Second Medical Center' }).execute()
    } else {
      const procedure = await db().selectFrom('procedures').selectAll().where('id', '=', fx.procedureId).executeTakeFirstOrThrow()
      await db().insertInto('procedures').values({ ...procedure, id: other, code: `${procedure.code}-2`, name: `${procedure.name} (second)` }).execute()
    }
    const before = await offerRow()
    const result = await save(await offerForm({ [field]: other }))
    expect(result.status).toBe(422)
    const message = Object.values(errorsOf(result.body)).flat()
    const purchaser = await employerName()
    expect(message.some((m) => m.startsWith(`This offer is under contract with ${purchaser}`) && m.endsWith('create a new offer for another facility or procedure'))).toBe(true)
    expect(await offerRow()).toEqual(before)
  })
})

describe('incoming patients: the order', () => {
  it('lists open cases first (those without a date at the top, then by surgery date) and finished or cancelled ones after, on both databases', async () => {
    const fixture = await db().selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow()
    const copies = [
      { id: 'order-completed', status: 'completed', scheduledDate: '2026-01-10' },
      { id: 'order-cancelled', status: 'cancelled', scheduledDate: null },
      { id: 'order-later', status: 'scheduled', scheduledDate: isoDaysFromNow(60) },
      { id: 'order-sooner', status: 'scheduled', scheduledDate: isoDaysFromNow(20) },
      { id: 'order-waiting', status: 'eligibility_verified', scheduledDate: null },
    ] as const
    // Each copy for a member of its own (one open case per member and procedure).
    const member = await db().selectFrom('rosterMembers').selectAll().where('id', '=', fixture.rosterMemberId).executeTakeFirstOrThrow()
    await db().insertInto('rosterMembers').values(copies.map((c) => ({ ...member, id: `${c.id}-member`, employeeId: `${member.employeeId}-${c.id}` }))).execute()
    await db().insertInto('cases').values(copies.map((c) => ({ ...fixture, ...c, rosterMemberId: `${c.id}-member` }))).execute()
    const result = await statusOf(patientList.loader, getRequest('/center/patients', center))
    const ids = (result.body as { patients: Array<{ id: string }> }).patients.map((p) => p.id).filter((id) => id.startsWith('order-'))
    expect(ids.slice(0, 3)).toEqual(['order-waiting', 'order-sooner', 'order-later'])
    expect(ids.slice(3).sort()).toEqual(['order-cancelled', 'order-completed'])
    await db().deleteFrom('cases').where('id', 'in', copies.map((c) => c.id)).execute()
    await db().deleteFrom('rosterMembers').where('id', 'in', copies.map((c) => `${c.id}-member`)).execute()
  })
})
