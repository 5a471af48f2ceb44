import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import { unreadByCase } from '~/db/repositories/case-messages.server'
import type { CaseStatus } from '~/db/schema'
import * as coordinatorCase from '~/routes/coordinator.cases.$caseId'
import * as careOption from '~/routes/member.care.$offerId'
import * as myCase from '~/routes/member.cases.$caseId'
import * as myCases from '~/routes/member.cases._index'
import { expectNoChange } from './hostile'
import { cookieFor, getRequest, postRequest, statusOf } from './support'
import { createTwoTenants, type TwoTenants } from './tenants'

/*
 * Issue 22: the message thread between a member and the care team (access, limits, unread
 * counts, e-mail notice without the text, audit), the member's contact e-mail on the request,
 * and the member's own cancel before scheduling.
 */
let t: TwoTenants
const cookies: Record<string, string> = {}
let offerId: string
let otherMemberUserId: string

const db = () => getDb()
const errorsOf = (body: unknown) => (body as { error: Record<string, string[] | null> }).error
type Thread = { unread: number; messages: Array<{ side: string; body: string }> }
const threadOf = (body: unknown) => (body as { thread: Thread }).thread

const memberPage = (caseId: string, who = 'member', headers: Record<string, string> = {}) =>
  statusOf(myCase.loader, getRequest(`/member/cases/${caseId}`, cookies[who], headers), { caseId })
const memberPost = (caseId: string, form: Record<string, string>, who = 'member', headers: Record<string, string> = {}) =>
  statusOf(myCase.action, postRequest(`/member/cases/${caseId}`, form, { cookie: cookies[who], headers }), { caseId })
const teamPage = (caseId: string, who = 'coordinator') => statusOf(coordinatorCase.loader, getRequest(`/coordinator/cases/${caseId}`, cookies[who]), { caseId })
const teamPost = (caseId: string, form: Record<string, string>, who = 'coordinator') =>
  statusOf(coordinatorCase.action, postRequest(`/coordinator/cases/${caseId}`, form, { cookie: cookies[who] }), { caseId })

/** A new case of the member through the request form (one open case per procedure: earlier ones are closed first). */
async function newCase(form: Record<string, string> = { contactPreference: 'phone', contactPhone: '(614) 555-0123' }) {
  await db().updateTable('cases').set({ status: 'cancelled', statusReason: 'test reset' }).where('rosterMemberId', '=', t.a.rosterMemberId).where('status', 'not in', ['cancelled', 'completed', 'denied']).execute()
  const result = await statusOf(careOption.action, postRequest(`/member/care/${offerId}`, form, { cookie: cookies.member }), { offerId })
  expect(result.status).toBe(302)
  return result.location!.split('/').at(-1)!.split('?')[0]!
}

/** A case of another member of the same employer, made directly. */
async function otherMembersCase(employer: 'a' | 'b') {
  const side = t[employer]
  const rosterMemberId = newId()
  const now = new Date().toISOString()
  await db().insertInto('rosterMembers').values({ ...(await db().selectFrom('rosterMembers').selectAll().where('id', '=', side.rosterMemberId).executeTakeFirstOrThrow()), id: rosterMemberId, employeeId: `E-${rosterMemberId.slice(-6)}` }).execute()
  const template = await db().selectFrom('cases').selectAll().where('rosterMemberId', '=', t.a.rosterMemberId).executeTakeFirstOrThrow()
  const id = newId()
  await db().insertInto('cases').values({ ...template, id, employerId: side.employerId, rosterMemberId, programVersionId: side.versionId, status: 'requested', statusReason: null, requestedAt: now, updatedAt: now, statusChangedAt: now }).execute()
  return id
}

const audit = (caseId: string, action: string) => db().selectFrom('auditLog').select(['actorUserId', 'detail']).where('subjectId', '=', caseId).where('action', '=', action).execute()

beforeAll(async () => {
  t = await createTwoTenants(db())
  for (const [name, id] of Object.entries(t.users)) cookies[name] = await cookieFor(id)
  cookies.member = cookies.employeeA!
  offerId = (await db().selectFrom('programNetwork').select('offerId').where('programVersionId', '=', t.a.versionId).executeTakeFirstOrThrow()).offerId
  // A second member of employer A, with an account of their own.
  otherMemberUserId = newId()
  const now = new Date().toISOString()
  await db().insertInto('users').values({ id: otherMemberUserId, email: `other-${otherMemberUserId}@example.com`, passwordHash: 'unused', displayName: 'Other member', createdAt: now, lastLoginAt: null }).execute()
  const otherRoster = newId()
  await db().insertInto('rosterMembers').values({ ...(await db().selectFrom('rosterMembers').selectAll().where('id', '=', t.a.rosterMemberId).executeTakeFirstOrThrow()), id: otherRoster, employeeId: `E-${otherRoster.slice(-6)}` }).execute()
  await db().insertInto('memberships').values({ id: newId(), userId: otherMemberUserId, organizationId: t.a.employerId, role: 'employee', rosterMemberId: otherRoster, createdAt: now }).execute()
  cookies.otherMember = await cookieFor(otherMemberUserId)
})

describe('the message thread: who may read and write it', () => {
  it('lets the member and any care coordinator in; another member, employers, brokers and health systems never', async () => {
    const caseId = await newCase()
    const sameEmployer = await otherMembersCase('a')
    const otherEmployer = await otherMembersCase('b')
    expect((await memberPage(caseId)).status).toBe(200)
    expect((await teamPage(caseId)).status).toBe(200)
    expect((await teamPage(otherEmployer)).status).toBe(200)
    // Another member's case, at the same employer or another: 404 (it looks missing), and nothing written.
    for (const other of [sameEmployer, otherEmployer]) {
      expect((await memberPage(other)).status).toBe(404)
      await expectNoChange(async () => expect((await memberPost(other, { intent: 'message', body: 'Hello' })).status).toBe(404), ['auditLog'])
      await expectNoChange(async () => expect((await memberPost(other, { intent: 'cancel', reasonChoice: 'cost' })).status).toBe(404), ['auditLog'])
    }
    expect((await memberPage(caseId, 'otherMember')).status).toBe(404)
    for (const role of ['adminA', 'broker', 'center', 'platform'] as const) {
      expect((await memberPage(caseId, role)).status).toBe(403)
      expect((await teamPage(caseId, role)).status).toBe(403)
      await expectNoChange(async () => expect((await memberPost(caseId, { intent: 'message', body: 'Hi' }, role)).status).toBe(403), ['auditLog'])
      await expectNoChange(async () => expect((await teamPost(caseId, { intent: 'message', body: 'Hi' }, role)).status).toBe(403), ['auditLog'])
    }
    // The member cannot use the care team's page to write as the care team.
    expect((await teamPost(caseId, { intent: 'message', body: 'Hi' }, 'member')).status).toBe(403)
  })
})

describe('a message body', () => {
  it.each<[string, string, string]>([
    ['blank', '', 'Write a message before sending'],
    ['only spaces and newlines', '  \n\t ', 'Write a message before sending'],
    ['5,000 characters', 'x'.repeat(5000), 'Keep the message under 2,000 characters'],
    ['2,001 characters', 'y'.repeat(2001), 'Keep the message under 2,000 characters'],
    ['with a NUL byte', 'Hello\u0000there', 'Remove the control characters (such as NUL) from this text'],
  ])('refuses a member message %s with a field error and writes nothing', async (_name, body, message) => {
    const caseId = await newCase()
    const result = await expectNoChange(() => memberPost(caseId, { intent: 'message', body }))
    expect(result.status).toBe(400)
    expect(errorsOf(result.body).body).toEqual([message])
  })

  it('refuses a care team message that is too long, in English, and writes nothing (no e-mail either)', async () => {
    const caseId = await newCase()
    const result = await expectNoChange(() => teamPost(caseId, { intent: 'message', body: 'z'.repeat(5000) }))
    expect(result.status).toBe(400)
    expect(errorsOf(result.body).body).toEqual(['Keep the message under 2,000 characters'])
  })

  it('answers in Spanish for a Spanish-speaking member', async () => {
    const caseId = await newCase()
    const result = await expectNoChange(() => memberPost(caseId, { intent: 'message', body: ' ' }, 'member', { 'Accept-Language': 'es' }))
    expect(errorsOf(result.body).body).toEqual(['Escriba un mensaje antes de enviarlo'])
  })

  it('keeps exactly 2,000 characters, trimmed, and `<script>` as plain text', async () => {
    const caseId = await newCase()
    const full = 'a'.repeat(2000)
    expect((await memberPost(caseId, { intent: 'message', body: `  ${full}  ` })).status).toBe(302)
    expect((await memberPost(caseId, { intent: 'message', body: '<script>alert("x")</script>' })).status).toBe(302)
    const rows = await db().selectFrom('caseMessages').select('body').where('caseId', '=', caseId).orderBy('createdAt').execute()
    expect(rows.map((r) => r.body)).toEqual([full, '<script>alert("x")</script>'])
  })
})

describe('the thread between the member and the care team', () => {
  it('notifies the member by e-mail in their language without the text, counts unread on both sides and audits each message', async () => {
    const caseId = await newCase({ contactPreference: 'phone', contactPhone: '614 555 0199' })
    await db().updateTable('users').set({ preferredLanguage: 'es' }).where('id', '=', t.users.employeeA).execute()
    const secret = 'Your MRI shows a torn meniscus'
    const outboxBefore = await db().selectFrom('emailOutbox').select('id').where('caseId', '=', caseId).execute()
    const sent = await teamPost(caseId, { intent: 'message', body: secret })
    expect(sent.status).toBe(302)
    expect(sent.location).toBe(`/coordinator/cases/${caseId}#messages-heading`)

    const notices = await db().selectFrom('emailOutbox').select(['id', 'toAddress', 'subject', 'body']).where('caseId', '=', caseId).execute()
    const notice = notices.find((n) => !outboxBefore.some((b) => b.id === n.id))!
    const account = await db().selectFrom('users').select('email').where('id', '=', t.users.employeeA).executeTakeFirstOrThrow()
    expect(notice.toAddress).toBe(account.email)
    expect(notice.subject).toBe('Nuevo mensaje de su equipo de atención')
    expect(notice.body).toContain('Su equipo de atención le escribió un mensaje')
    expect(notice.body).toContain(`http://localhost:3000/member/cases/${caseId}`)
    expect(notice.body).not.toContain('MRI')
    expect(notice.subject + notice.body).not.toContain(secret)

    // The member: one unread on the list and on the case page; reading it clears it.
    const list = await statusOf(myCases.loader, getRequest('/member/cases', cookies.member))
    expect((list.body as { unread: Record<string, number> }).unread[caseId]).toBe(1)
    const page = threadOf((await memberPage(caseId)).body)
    expect(page.unread).toBe(1)
    expect(page.messages).toEqual([expect.objectContaining({ side: 'care_team', body: secret })])
    expect(await unreadByCase(db(), t.users.employeeA, [caseId], 'member')).toEqual({})
    expect(threadOf((await memberPage(caseId)).body).unread).toBe(0)

    // The member answers: no e-mail to anyone, one unread for the care team until it opens the case.
    const outboxCount = async () => (await db().selectFrom('emailOutbox').select('id').where('caseId', '=', caseId).execute()).length
    const before = await outboxCount()
    expect((await memberPost(caseId, { intent: 'message', body: 'Gracias, ¿cuándo me llaman?' })).status).toBe(302)
    expect(await outboxCount()).toBe(before)
    expect(await unreadByCase(db(), t.users.coordinator, [caseId])).toEqual({ [caseId]: 1 })
    const team = threadOf((await teamPage(caseId)).body)
    expect(team.unread).toBe(1)
    expect(team.messages.map((m) => m.side)).toEqual(['care_team', 'member'])
    expect(await unreadByCase(db(), t.users.coordinator, [caseId])).toEqual({})
    // Another coordinator has not read it yet; a coordinator's own message is never unread for the care team.
    expect(await unreadByCase(db(), t.users.platform, [caseId])).toEqual({ [caseId]: 1 })

    // Each message is audited (never its text); the care team's read is the one case.viewed per page view.
    const posted = await audit(caseId, 'case.message_posted')
    expect(posted.map((p) => [p.actorUserId, p.detail])).toEqual(
      expect.arrayContaining([[t.users.coordinator, '{"side":"care_team"}'], [t.users.employeeA, '{"side":"member"}']]),
    )
    expect(posted).toHaveLength(2)
    expect((await audit(caseId, 'case.viewed')).filter((a) => a.actorUserId === t.users.coordinator)).toHaveLength(1)
    await db().updateTable('users').set({ preferredLanguage: null }).where('id', '=', t.users.employeeA).execute()
  })

  it('sends the notice to the contact e-mail given on the request, in English for an English-speaking member', async () => {
    const caseId = await newCase({ contactPreference: 'email', contactEmail: '  Ada.Home@Example.ORG ' })
    expect((await db().selectFrom('cases').select('contactEmail').where('id', '=', caseId).executeTakeFirstOrThrow()).contactEmail).toBe('ada.home@example.org')
    expect((await teamPost(caseId, { intent: 'message', body: 'Please call us' })).status).toBe(302)
    const notice = await db().selectFrom('emailOutbox').select(['toAddress', 'subject', 'body']).where('caseId', '=', caseId).where('subject', '=', 'New message from your care team').executeTakeFirstOrThrow()
    expect(notice.toAddress).toBe('ada.home@example.org')
    expect(notice.body).not.toContain('Please call us')
  })
})

describe('the contact e-mail on the request', () => {
  it.each<[string, Record<string, string>, Record<string, string>, string]>([
    ['missing', { contactPreference: 'email' }, {}, 'Enter the e-mail address we should write to'],
    ['not an address', { contactPreference: 'email', contactEmail: 'ada at example' }, {}, 'Enter an e-mail address like name@example.com'],
    ['not an address, in Spanish', { contactPreference: 'email', contactEmail: 'ada@' }, { 'Accept-Language': 'es' }, 'Escriba un correo electrónico como nombre@ejemplo.com'],
  ])('refuses an e-mail %s and creates no case', async (_name, form, headers, message) => {
    await db().updateTable('cases').set({ status: 'cancelled', statusReason: 'test reset' }).where('rosterMemberId', '=', t.a.rosterMemberId).where('status', 'not in', ['cancelled', 'completed', 'denied']).execute()
    const result = await expectNoChange(() => statusOf(careOption.action, postRequest(`/member/care/${offerId}`, form, { cookie: cookies.member, headers }), { offerId }))
    expect(result.status).toBe(400)
    expect(errorsOf(result.body).contactEmail).toEqual([message])
  })

  it('prefills the address with the account e-mail and drops it for a call', async () => {
    const page = await statusOf(careOption.loader, getRequest(`/member/care/${offerId}`, cookies.member), { offerId })
    const account = await db().selectFrom('users').select('email').where('id', '=', t.users.employeeA).executeTakeFirstOrThrow()
    expect((page.body as { accountEmail: string }).accountEmail).toBe(account.email)
    const caseId = await newCase({ contactPreference: 'phone', contactPhone: '6145550123', contactEmail: 'x@example.com' })
    expect(await db().selectFrom('cases').select(['contactEmail', 'contactPhone']).where('id', '=', caseId).executeTakeFirstOrThrow()).toEqual({ contactEmail: null, contactPhone: '+16145550123' })
  })
})

describe('the member cancels before scheduling', () => {
  it.each(['requested', 'eligibility_verified'] as const)('cancels a %s case with a reason, as the member, audited and on the timeline', async (status) => {
    const caseId = await newCase()
    await db().updateTable('cases').set({ status }).where('id', '=', caseId).execute()
    expect((await memberPage(caseId)).body).toMatchObject({ canCancel: true })
    const result = await memberPost(caseId, { intent: 'cancel', reasonChoice: 'care_elsewhere', reasonText: 'Closer to home' })
    expect(result.status).toBe(302)
    const row = await db().selectFrom('cases').select(['status', 'statusReason']).where('id', '=', caseId).executeTakeFirstOrThrow()
    expect(row).toEqual({ status: 'cancelled', statusReason: 'I am getting care somewhere else: Closer to home' })
    const event = await db().selectFrom('caseEvents').selectAll().where('caseId', '=', caseId).where('toStatus', '=', 'cancelled').executeTakeFirstOrThrow()
    expect(event).toMatchObject({ actorUserId: t.users.employeeA, fromStatus: status, note: 'I am getting care somewhere else: Closer to home' })
    expect(await audit(caseId, 'case.cancelled')).toEqual([expect.objectContaining({ actorUserId: t.users.employeeA })])
    const team = (await teamPage(caseId)).body as { case: { status: string; statusReason: string }; events: Array<{ toStatus: string }> }
    expect(team.case).toMatchObject({ status: 'cancelled', statusReason: 'I am getting care somewhere else: Closer to home' })
    expect(team.events.map((e) => e.toStatus)).toContain('cancelled')
    expect((await memberPage(caseId)).body).toMatchObject({ canCancel: false, stepsAhead: [] })
  })

  it('stores a reason in Spanish words when the member writes in Spanish', async () => {
    const caseId = await newCase()
    expect((await memberPost(caseId, { intent: 'cancel', reasonChoice: 'other', reasonText: 'Me mudo a otra ciudad' }, 'member', { 'Accept-Language': 'es' })).status).toBe(302)
    expect((await db().selectFrom('cases').select('statusReason').where('id', '=', caseId).executeTakeFirstOrThrow()).statusReason).toBe('Me mudo a otra ciudad')
  })

  it.each<[string, Record<string, string>, string, string]>([
    ['no reason chosen', { intent: 'cancel' }, 'reasonChoice', 'Choose why you are cancelling'],
    ['"another reason" without words', { intent: 'cancel', reasonChoice: 'other', reasonText: ' ab ' }, 'reasonText', 'Tell us the reason in at least 3 characters'],
    ['a reason of 10 KB', { intent: 'cancel', reasonChoice: 'other', reasonText: 'r'.repeat(10_240) }, 'reasonText', 'Keep the reason under 500 characters'],
    ['a reason with a NUL byte', { intent: 'cancel', reasonChoice: 'other', reasonText: 'Too\u0000far' }, 'reasonText', 'Remove the control characters (such as NUL) from this text'],
    ['a made-up reason', { intent: 'cancel', reasonChoice: 'drop table' }, 'reasonChoice', 'Choose why you are cancelling'],
  ])('refuses %s and changes nothing', async (_name, form, field, message) => {
    const caseId = await newCase()
    const result = await expectNoChange(() => memberPost(caseId, form))
    expect(result.status).toBe(400)
    expect(errorsOf(result.body)[field]).toEqual([message])
  })

  it.each(['scheduled', 'travel_booked', 'procedure_done'] as const)('refuses to cancel a %s case with a clear message and changes nothing', async (status) => {
    const caseId = await newCase()
    await db().updateTable('cases').set({ status, scheduledDate: '2027-03-01' }).where('id', '=', caseId).execute()
    expect((await memberPage(caseId)).body).toMatchObject({ canCancel: false })
    const result = await expectNoChange(() => memberPost(caseId, { intent: 'cancel', reasonChoice: 'cost' }))
    expect(result.status).toBe(409)
    expect(errorsOf(result.body)['']).toEqual(['This case is scheduled: call the care team to cancel'])
    const spanish = await expectNoChange(() => memberPost(caseId, { intent: 'cancel', reasonChoice: 'cost' }, 'member', { 'Accept-Language': 'es' }))
    expect(errorsOf(spanish.body)['']).toEqual(['Este caso ya está programado: llame al equipo de atención para cancelarlo'])
  })
})

describe('steps still to come', () => {
  it.each<[CaseStatus, number, string[]]>([
    ['requested', 0, ['eligibility_verified', 'scheduled', 'procedure_done', 'completed']],
    ['requested', 90_000, ['eligibility_verified', 'scheduled', 'travel_booked', 'procedure_done', 'completed']],
    ['scheduled', 90_000, ['travel_booked', 'procedure_done', 'completed']],
    ['procedure_done', 0, ['completed']],
    ['completed', 0, []],
    ['denied', 0, []],
  ])('a %s case (travel estimate %i cents) shows %j', async (status, travelEstimateCents, steps) => {
    const caseId = await newCase()
    await db().updateTable('cases').set({ status, travelEstimateCents }).where('id', '=', caseId).execute()
    expect(((await memberPage(caseId)).body as { stepsAhead: string[] }).stepsAhead).toEqual(steps)
  })
})
