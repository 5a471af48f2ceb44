import { beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '~/auth/password.server'
import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import { listCoalitionIdsOfEmployerOn, listMemberEmployerIdsOn } from '~/db/repositories/coalitions.server'
import * as coalitionHome from '~/routes/coalition._index'
import * as employerCoalitions from '~/routes/employer.coalitions'
import * as employerHome from '~/routes/employer._index'
import { createOrganizationWithAdmin } from '~/services/onboarding.server'
import { actorOf, cookieFor, getRequest, postRequest, statusOf } from './support'
import { expectNoChange } from './hostile'
import { createTwoTenants, type TwoTenants } from './tenants'

let t: TwoTenants
const cookies: Record<string, string> = {}
/** A second coalition with its own admin and employer B as its member. */
let other: { coalitionId: string; adminId: string }

type Home = { coalition: { id: string; name: string }; memberships: Array<{ employerOrganizationId: string; status: string; joinedOn: string | null; leftOn: string | null }>; total: number }

beforeAll(async () => {
  const db = getDb()
  t = await createTwoTenants(db)
  const now = new Date().toISOString()
  const coalitionId = newId()
  await db.insertInto('organizations').values({ id: coalitionId, kind: 'coalition', name: 'Other Coalition', code: `OTHERC-${coalitionId.slice(-6).toUpperCase()}`, createdAt: now }).execute()
  const adminId = newId()
  await db.insertInto('users').values({ id: adminId, email: `other-coalition-${adminId}@example.com`, passwordHash: await hashPassword('x-password-1234'), displayName: 'Other coalition admin', createdAt: now, lastLoginAt: null }).execute()
  await db.insertInto('memberships').values({ id: newId(), userId: adminId, organizationId: coalitionId, role: 'coalition_admin', rosterMemberId: null, createdAt: now, isOrganizationAdmin: 1 }).execute()
  await db
    .insertInto('coalitionMemberships')
    .values({ id: newId(), coalitionOrganizationId: coalitionId, employerOrganizationId: t.b.employerId, status: 'ended', invitedAt: now, joinedOn: '2026-02-01', leftOn: '2026-04-30', createdAt: now })
    .execute()
  other = { coalitionId, adminId }
  for (const [name, id] of Object.entries({ ...t.users, otherCoalition: adminId })) cookies[name] = await cookieFor(id)
})

describe('the coalition home', () => {
  it("lists its own member employers with their dates and status, and nothing of another coalition's", async () => {
    const result = await statusOf(coalitionHome.loader, getRequest('/coalition', cookies.coalition))
    expect(result.status).toBe(200)
    const home = result.body as Home
    expect(home.coalition).toMatchObject({ id: t.coalitionId, name: 'Test Coalition' })
    expect(home.total).toBe(1)
    expect(home.memberships).toEqual([expect.objectContaining({ employerOrganizationId: t.a.employerId, status: 'active', joinedOn: '2026-01-01', leftOn: null })])

    const otherHome = (await statusOf(coalitionHome.loader, getRequest('/coalition', cookies.otherCoalition))).body as Home
    expect(otherHome.coalition.id).toBe(other.coalitionId)
    expect(otherHome.memberships.map((m) => [m.employerOrganizationId, m.status, m.joinedOn, m.leftOn])).toEqual([[t.b.employerId, 'ended', '2026-02-01', '2026-04-30']])
  })

  it.each(['adminA', 'broker', 'center', 'platform', 'employeeA'] as const)('is refused (403) to %s', async (who) => {
    expect((await statusOf(coalitionHome.loader, getRequest('/coalition', cookies[who]))).status).toBe(403)
  })
})

describe('membership on a date (the rule the pooled reports and allocations use)', () => {
  it.each([
    ['2025-12-31', [], []],
    ['2026-01-01', ['A'], []],
    ['2026-03-01', ['A'], ['B']],
    ['2026-04-30', ['A'], ['B']],
    ['2026-05-01', ['A'], []],
  ] as const)('on %s: coalition members %j, other coalition members %j', async (date, mine, others) => {
    const ids = (labels: readonly string[]) => labels.map((l) => (l === 'A' ? t.a.employerId : t.b.employerId))
    expect(await listMemberEmployerIdsOn(getDb(), t.coalitionId, date)).toEqual(ids(mine))
    expect(await listMemberEmployerIdsOn(getDb(), other.coalitionId, date)).toEqual(ids(others))
    expect(await listCoalitionIdsOfEmployerOn(getDb(), t.b.employerId, date)).toEqual(others.length ? [other.coalitionId] : [])
  })
})

const db = () => getDb()
const codeOf = async (id: string) => (await db().selectFrom('organizations').select('code').where('id', '=', id).executeTakeFirstOrThrow()).code
const rowsOf = (employerId: string) =>
  db().selectFrom('coalitionMemberships').selectAll().where('coalitionOrganizationId', '=', t.coalitionId).where('employerOrganizationId', '=', employerId).orderBy('createdAt').orderBy('id').execute()
const openRowOf = async (employerId: string) => (await rowsOf(employerId)).find((r) => r.status === 'invited' || r.status === 'active')!
const auditOf = (membershipId: string) => db().selectFrom('auditLog').select(['action', 'actorUserId', 'employerId', 'detail']).where('subjectId', '=', membershipId).orderBy('occurredAt').orderBy('id').execute()
const mailTo = async (userId: string) => {
  const { email } = await db().selectFrom('users').select('email').where('id', '=', userId).executeTakeFirstOrThrow()
  return db().selectFrom('emailOutbox').select(['subject', 'body']).where('toAddress', '=', email).orderBy('createdAt').orderBy('id').execute()
}
const coalitionPost = (form: Record<string, string>, who: string | undefined = cookies.coalition) => statusOf(coalitionHome.action, postRequest('/coalition', form, { cookie: who }))
const employerPost = (form: Record<string, string>, who: string | undefined) => statusOf(employerCoalitions.action, postRequest('/employer/coalitions', form, { cookie: who }))
const today = () => new Date().toISOString().slice(0, 10)

describe('membership flows', () => {
  it('invite by code → the employer admin sees it and accepts → a member from today; audited and e-mailed both ways', async () => {
    const code = (await codeOf(t.b.employerId)).toLowerCase() // typed in any case
    expect(await coalitionPost({ intent: 'invite', code: ` ${code} ` })).toMatchObject({ status: 302, location: '/coalition' })
    const invited = await openRowOf(t.b.employerId)
    expect(invited).toMatchObject({ status: 'invited', invitedByUserId: t.users.coalition, joinedOn: null, leftOn: null })
    expect((await mailTo(t.users.adminB)).at(-1)).toMatchObject({ subject: 'Test Coalition invites Employer B to join' })

    const page = (await statusOf(employerCoalitions.loader, getRequest('/employer/coalitions', cookies.adminB))).body as { memberships: Array<{ id: string; status: string; coalitionName: string }> }
    // B's own rows only: the new invitation and its past membership of the other coalition.
    expect(page.memberships.map((m) => [m.coalitionName, m.status])).toEqual([['Test Coalition', 'invited'], ['Other Coalition', 'ended']])
    expect(page.memberships[0]!.id).toBe(invited.id)
    // Employer A sees only its own membership, not B's invitation.
    const pageA = (await statusOf(employerCoalitions.loader, getRequest('/employer/coalitions', cookies.adminA))).body as { memberships: Array<{ id: string }> }
    expect(pageA.memberships.map((m) => m.id)).toEqual([t.coalitionMembershipId])

    expect(await employerPost({ intent: 'accept', membershipId: invited.id }, cookies.adminB)).toMatchObject({ status: 302, location: '/employer/coalitions' })
    expect(await openRowOf(t.b.employerId)).toMatchObject({ id: invited.id, status: 'active', joinedOn: today(), respondedByUserId: t.users.adminB })
    expect((await auditOf(invited.id)).map((a) => [a.action, a.actorUserId, a.employerId])).toEqual([
      ['coalition.invited', t.users.coalition, t.b.employerId],
      ['coalition.joined', t.users.adminB, t.b.employerId],
    ])
    expect((await mailTo(t.users.coalition)).at(-1)).toMatchObject({ subject: 'Employer B joined Test Coalition' })
    const home = (await statusOf(coalitionHome.loader, getRequest('/coalition', cookies.coalition))).body as Home
    expect(home.memberships.filter((m) => m.status === 'active').map((m) => m.employerOrganizationId).sort()).toEqual([t.a.employerId, t.b.employerId].sort())
  })

  it('leaving: a last day before the first is refused with its message and changes nothing; then B leaves on a day', async () => {
    const row = await openRowOf(t.b.employerId)
    const refused = await expectNoChange(() => employerPost({ intent: 'leave', membershipId: row.id, lastDay: '2020-01-01' }, cookies.adminB))
    expect(refused).toMatchObject({ status: 422, body: { message: `The last day of membership cannot be before the day it began (${today()}).` } })
    expect(await employerPost({ intent: 'leave', membershipId: row.id, lastDay: '2099-12-31' }, cookies.adminB)).toMatchObject({ status: 302 })
    expect((await rowsOf(t.b.employerId)).find((r) => r.id === row.id)).toMatchObject({ status: 'ended', leftOn: '2099-12-31', endedByUserId: t.users.adminB })
    expect((await auditOf(row.id)).at(-1)).toMatchObject({ action: 'coalition.membership_ended', actorUserId: t.users.adminB })
    expect((await mailTo(t.users.coalition)).at(-1)).toMatchObject({ subject: 'Employer B is leaving Test Coalition' })
  })

  it('after leaving, B can be invited again (a new row); it declines; invited once more, the coalition withdraws', async () => {
    const code = await codeOf(t.b.employerId)
    // Still a member until 2099-12-31 (ended row), but no open row: a new invitation is allowed.
    expect(await coalitionPost({ intent: 'invite', code })).toMatchObject({ status: 302 })
    const second = await openRowOf(t.b.employerId)
    expect(await employerPost({ intent: 'decline', membershipId: second.id }, cookies.adminB)).toMatchObject({ status: 302 })
    expect((await rowsOf(t.b.employerId)).find((r) => r.id === second.id)).toMatchObject({ status: 'declined', respondedByUserId: t.users.adminB, joinedOn: null })
    expect((await auditOf(second.id)).map((a) => a.action)).toEqual(['coalition.invited', 'coalition.declined'])

    expect(await coalitionPost({ intent: 'invite', code })).toMatchObject({ status: 302 })
    const third = await openRowOf(t.b.employerId)
    expect(await coalitionPost({ intent: 'withdraw', membershipId: third.id })).toMatchObject({ status: 302 })
    expect((await rowsOf(t.b.employerId)).find((r) => r.id === third.id)).toMatchObject({ status: 'withdrawn', endedByUserId: t.users.coalition })
    expect((await auditOf(third.id)).map((a) => a.action)).toEqual(['coalition.invited', 'coalition.invitation_withdrawn'])
    expect((await mailTo(t.users.adminB)).at(-1)).toMatchObject({ subject: 'Test Coalition withdrew its invitation' })
    // B can no longer accept a withdrawn invitation.
    const refused = await expectNoChange(() => employerPost({ intent: 'accept', membershipId: third.id }, cookies.adminB))
    expect(refused).toMatchObject({ status: 422, body: { message: 'You cannot accept this: it is an invitation that was withdrawn.' } })
  })

  it("the coalition ends A's membership on a last day", async () => {
    expect(await coalitionPost({ intent: 'end', membershipId: t.coalitionMembershipId, lastDay: '2026-06-30' })).toMatchObject({ status: 302 })
    expect((await rowsOf(t.a.employerId))[0]).toMatchObject({ status: 'ended', joinedOn: '2026-01-01', leftOn: '2026-06-30', endedByUserId: t.users.coalition })
    expect(await listMemberEmployerIdsOn(getDb(), t.coalitionId, '2026-06-30')).toContain(t.a.employerId)
    expect(await listMemberEmployerIdsOn(getDb(), t.coalitionId, '2026-07-01')).not.toContain(t.a.employerId)
    expect((await auditOf(t.coalitionMembershipId)).at(-1)).toMatchObject({ action: 'coalition.membership_ended', actorUserId: t.users.coalition, employerId: t.a.employerId })
  })
})

describe('one side cannot act for another', () => {
  it("an employer admin cannot accept another employer's invitation (404, nothing changes)", async () => {
    expect(await coalitionPost({ intent: 'invite', code: await codeOf(t.a.employerId) })).toMatchObject({ status: 302 })
    const invitationOfA = await openRowOf(t.a.employerId)
    await expectNoChange(async () => {
      expect((await employerPost({ intent: 'accept', membershipId: invitationOfA.id }, cookies.adminB)).status).toBe(404)
      expect((await employerPost({ intent: 'decline', membershipId: invitationOfA.id }, cookies.adminB)).status).toBe(404)
    })
  })

  it("another coalition's admin cannot withdraw or end this coalition's memberships, nor see them (404, nothing changes)", async () => {
    const invitationOfA = await openRowOf(t.a.employerId)
    await expectNoChange(async () => {
      expect((await coalitionPost({ intent: 'withdraw', membershipId: invitationOfA.id }, cookies.otherCoalition)).status).toBe(404)
      expect((await coalitionPost({ intent: 'end', membershipId: t.coalitionMembershipId, lastDay: '2026-12-31' }, cookies.otherCoalition)).status).toBe(404)
    })
    const otherHome = (await statusOf(coalitionHome.loader, getRequest('/coalition', cookies.otherCoalition))).body as Home
    expect(otherHome.memberships.map((m) => m.employerOrganizationId)).toEqual([t.b.employerId])
  })

  it('an employer admin cannot withdraw (the coalition does) and a coalition admin cannot accept (the employer does)', async () => {
    const invitationOfA = await openRowOf(t.a.employerId)
    await expectNoChange(async () => {
      expect((await employerPost({ intent: 'withdraw', membershipId: invitationOfA.id }, cookies.adminA))).toMatchObject({ status: 400, body: { message: 'Choose what to do.' } })
      expect((await coalitionPost({ intent: 'accept', membershipId: invitationOfA.id }))).toMatchObject({ status: 400, body: { message: 'Choose what to do.' } })
      expect((await statusOf(employerCoalitions.action, postRequest('/employer/coalitions', { intent: 'accept', membershipId: invitationOfA.id }, { cookie: cookies.coalition }))).status).toBe(403)
    })
  })
})

describe('the engagement continuum on the employer home', () => {
  type Overview = { engagement: { stage: string; next: { title: string } } }
  it("A (a published program, no case, no contract of its own in these fixtures) is at the program stage; the next step follows its facts", async () => {
    const home = (await statusOf(employerHome.loader, getRequest('/employer', cookies.adminA))).body as Overview
    const contracts = await db().selectFrom('contracts').select('id').where('purchaserOrganizationId', '=', t.a.employerId).where('status', '=', 'active').execute()
    const cases = await db().selectFrom('cases').select('id').where('employerId', '=', t.a.employerId).execute()
    expect(contracts).toHaveLength(0)
    expect(cases).toHaveLength(0)
    expect(home.engagement).toMatchObject({ stage: 'coe_program', next: { title: 'Help your members find the program' } })
  })
})

describe('the platform onboards a coalition', () => {
  it('creates an organization of kind coalition whose first admin is invited as a coalition admin', async () => {
    const result = await createOrganizationWithAdmin(await actorOf(t.users.platform), { kind: 'coalition', name: 'Prairie Purchasers', code: 'PRAIRIE', adminEmail: 'lead@prairie.example' }, 'http://localhost:3000')
    expect(result.ok).toBe(true)
    const org = await db().selectFrom('organizations').select(['id', 'kind']).where('code', '=', 'PRAIRIE').executeTakeFirstOrThrow()
    expect(org.kind).toBe('coalition')
    const invitation = await db().selectFrom('invitations').select(['role', 'isOrganizationAdmin']).where('organizationId', '=', org.id).executeTakeFirstOrThrow()
    expect(invitation).toEqual({ role: 'coalition_admin', isOrganizationAdmin: 1 })
  })
})
