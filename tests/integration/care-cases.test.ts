import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '~/db/client.server'
import * as coordinatorCase from '~/routes/coordinator.cases.$caseId'
import * as careOption from '~/routes/member.care.$offerId'
import * as findCare from '~/routes/member.care._index'
import * as myCase from '~/routes/member.cases.$caseId'
import { startSmtpSink } from './smtp-sink'
import { cookieFor, getRequest, postRequest, statusOf } from './support'
import { createTwoTenants, type TwoTenants } from './tenants'

// A real SMTP server on loopback receives what the portal sends (nodemailer over SMTP_URL).
const smtp = await startSmtpSink()
const received = smtp.received

let t: TwoTenants
let member: string
let coordinator: string
let adminA: string
let offerId: string
let caseId: string
const isoDaysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)
const REQUEST = { contactPreference: 'email', contactEmail: 'Member.A@Example.COM', hasCompanion: 'on', memberNote: 'Mornings are best' }

const requestCare = (form: Record<string, string> = REQUEST) =>
  statusOf(careOption.action, postRequest(`/member/care/${offerId}`, form, { cookie: member }), { offerId })
const move = (form: Record<string, string>) =>
  statusOf(coordinatorCase.action, postRequest(`/coordinator/cases/${caseId}`, form, { cookie: coordinator }), { caseId })
const errorsOf = (body: unknown) => (body as { error: Record<string, string[]> }).error
const caseRow = () => getDb().selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow()

beforeAll(async () => {
  t = await createTwoTenants(getDb())
  member = await cookieFor(t.users.employeeA)
  coordinator = await cookieFor(t.users.coordinator)
  adminA = await cookieFor(t.users.adminA)
  offerId = (await getDb().selectFrom('programNetwork').select('offerId').where('programVersionId', '=', t.a.versionId).executeTakeFirstOrThrow()).offerId
})

afterAll(() => smtp.close())

describe('the member finds care and requests it', () => {
  it('lists the covered center with what this member pays and the typical local cost', async () => {
    const result = await statusOf(findCare.loader, getRequest('/member/care?sort=quality', member))
    const found = (result.body as { found: { status: string; results: Array<{ offerId: string; cost: { memberPaysCents: number }; travel: { isCovered: boolean } }> } }).found
    expect(found.status).toBe('ok')
    expect(found.results.map((r) => r.offerId)).toEqual([offerId])
    // Deductible and coinsurance waived: $0. The center is in the member's own ZIP: no travel.
    expect(found.results[0]).toMatchObject({ cost: { memberPaysCents: 0 }, travel: { isCovered: false } })
    const events = await getDb().selectFrom('searchEvents').select(['zip3', 'resultCount']).where('userId', '=', t.users.employeeA).execute()
    expect(events).toEqual([{ zip3: '432', resultCount: 1 }])
  })

  it('refuses a request with bad dates and creates nothing', async () => {
    const result = await requestCare({ ...REQUEST, preferredStart: isoDaysFromNow(20), preferredEnd: isoDaysFromNow(10) })
    expect(result.status).toBe(400)
    expect(errorsOf(result.body).preferredEnd).toEqual(['The latest date cannot be before the earliest date'])
    const past = await requestCare({ ...REQUEST, preferredStart: isoDaysFromNow(-2) })
    expect(errorsOf(past.body).preferredStart).toEqual(['The earliest date cannot be in the past'])
    expect(await getDb().selectFrom('cases').select('id').where('rosterMemberId', '=', t.a.rosterMemberId).execute()).toEqual([])
  })

  it('makes one case from a double submit, and sends the member to it', async () => {
    const [first, second] = await Promise.all([requestCare(), requestCare()])
    const cases = await getDb().selectFrom('cases').select(['id', 'status', 'hasCompanion', 'memberNote']).where('rosterMemberId', '=', t.a.rosterMemberId).execute()
    expect(cases).toHaveLength(1)
    caseId = cases[0]!.id
    expect(cases[0]).toMatchObject({ status: 'requested', hasCompanion: 1, memberNote: 'Mornings are best' })
    expect([first.location, second.location].sort()).toEqual([`/member/cases/${caseId}?existing=1`, `/member/cases/${caseId}?requested=1`].sort())
    const again = await requestCare()
    expect(again.location).toBe(`/member/cases/${caseId}?existing=1`)
  })
})

describe('the care coordinator works the case', () => {
  it('refuses a skipped step and a denial without a reason, and changes nothing', async () => {
    const skip = await move({ to: 'scheduled', scheduledDate: isoDaysFromNow(14) })
    expect(skip.status).toBe(422)
    expect(errorsOf(skip.body).to).toEqual(['A case that is requested cannot move to scheduled: the next step is eligibility verified'])
    const deny = await move({ to: 'denied' })
    expect(errorsOf(deny.body).reason).toEqual(['Give the reason the case is denied: the member sees it'])
    expect((await caseRow()).status).toBe('requested')
  })

  it('moves it along every step to completed; travel booking is skipped when travel is not covered', async () => {
    expect((await move({ to: 'eligibility_verified' })).status).toBe(302)
    expect(errorsOf((await move({ to: 'scheduled', scheduledDate: isoDaysFromNow(-1) })).body).scheduledDate).toEqual(['The procedure date cannot be in the past'])
    expect((await move({ to: 'scheduled', scheduledDate: isoDaysFromNow(14), note: 'Pre-op call booked' })).status).toBe(302)
    expect(errorsOf((await move({ to: 'travel_booked' })).body).to).toEqual([
      'A case that is scheduled cannot move to travel booked: the next step is procedure done',
    ])
    expect((await move({ to: 'procedure_done', procedureDate: isoDaysFromNow(0) })).status).toBe(302)
    // Completing asks for no outcome: they are recorded at the 30- and 90-day check-ins (tests/integration/warranty.test.ts).
    expect((await move({ to: 'completed' })).status).toBe(302)
    expect(await caseRow()).toMatchObject({ status: 'completed', hadComplication: null, wasReadmitted: null, satisfaction: null, scheduledDate: isoDaysFromNow(14) })
    expect(errorsOf((await move({ to: 'cancelled', reason: 'x' })).body).to).toEqual(['This case is completed and cannot change any more'])
  })

  it("shows the member every step on their timeline, and e-mails each one", async () => {
    const page = await statusOf(myCase.loader, getRequest(`/member/cases/${caseId}`, member), { caseId })
    const events = (page.body as { events: Array<{ toStatus: string; note: string | null }> }).events
    expect(events.map((e) => e.toStatus)).toEqual(['requested', 'eligibility_verified', 'scheduled', 'procedure_done', 'completed'])
    expect(events[2]!.note).toBe('Pre-op call booked')
    const outbox = await getDb().selectFrom('emailOutbox').select(['subject', 'sentAt', 'toAddress']).where('caseId', '=', caseId).orderBy('createdAt').execute()
    expect(outbox.map((m) => m.subject)).toEqual([
      'Total knee replacement: Requested',
      'Total knee replacement: Coverage confirmed',
      'Total knee replacement: Scheduled',
      'Total knee replacement: Procedure done',
      'Total knee replacement: Completed',
    ])
    expect(outbox.every((m) => m.sentAt !== null)).toBe(true)
    // To the address given on the request, lower-cased (issue 22), not the sign-in address.
    expect(outbox.every((m) => m.toAddress === 'member.a@example.com')).toBe(true)
    expect(received.filter((m) => m.to === 'member.a@example.com')).toHaveLength(5)
    expect(received.at(-1)!.raw).toContain('Subject: Total knee replacement: Completed')
  })

  it('keeps cases to the member and the care team', async () => {
    expect((await statusOf(myCase.loader, getRequest(`/member/cases/${caseId}`, adminA), { caseId })).status).toBe(403)
    expect((await statusOf(coordinatorCase.loader, getRequest(`/coordinator/cases/${caseId}`, member), { caseId })).status).toBe(403)
    expect((await statusOf(coordinatorCase.action, postRequest(`/coordinator/cases/${caseId}`, { to: 'cancelled', reason: 'x' }, { cookie: adminA }), { caseId })).status).toBe(403)
  })
})
