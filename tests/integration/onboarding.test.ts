import { beforeAll, describe, expect, it } from 'vitest'
import { getOptionalActor } from '~/auth/guard.server'
import { getDb } from '~/db/client.server'
import type { Actor } from '~/domain/tenancy'
import * as invitationPage from '~/routes/_auth.invitations.$token'
import * as login from '~/routes/_auth.login'
import {
  acceptInvitation, changeColleague, createOrganizationWithAdmin, getInvitation, inviteColleague, removeColleague, revokeInvitation,
} from '~/services/onboarding.server'
import { actorOf, cookieFor, getRequest, postRequest, statusOf } from './support'
import { createTwoTenants, type TwoTenants } from './tenants'

let t: TwoTenants
let platform: Actor
const ORIGIN = 'http://localhost:3000'
const PASSWORD = 'a long enough passphrase'
const db = () => getDb()

/** The token in the newest outbox e-mail to this address (the only place it exists). */
async function tokenMailedTo(email: string): Promise<string> {
  const message = await db().selectFrom('emailOutbox').select('body').where('toAddress', '=', email).orderBy('createdAt', 'desc').executeTakeFirstOrThrow()
  return /\/invitations\/([A-Za-z0-9_-]+)/.exec(message.body)![1]!
}
const count = async (table: 'organizations' | 'invitations' | 'emailOutbox' | 'users' | 'auditLog') =>
  Number((await db().selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)

beforeAll(async () => {
  t = await createTwoTenants(db())
  platform = await actorOf(t.users.platform)
})

describe('the platform creates an organization and invites its first admin', () => {
  it('writes the organization, the invitation (hash only) and the e-mail in one go, and audits both without the token', async () => {
    const now = new Date('2026-12-01T10:00:00Z')
    const result = await createOrganizationWithAdmin(platform, { kind: 'employer', name: 'Globex', code: 'GLOBEX-1', adminEmail: 'Hank@Globex.example' }, ORIGIN, now)
    expect(result.ok).toBe(true)
    const org = await db().selectFrom('organizations').selectAll().where('code', '=', 'GLOBEX-1').executeTakeFirstOrThrow()
    expect(org).toMatchObject({ kind: 'employer', name: 'Globex' })
    const invitation = await db().selectFrom('invitations').selectAll().where('organizationId', '=', org.id).executeTakeFirstOrThrow()
    expect(invitation).toMatchObject({ email: 'hank@globex.example', role: 'employer_admin', isOrganizationAdmin: 1, expiresAt: '2026-12-04T10:00:00.000Z' })
    const token = await tokenMailedTo('hank@globex.example')
    expect(Buffer.from(token, 'base64url')).toHaveLength(32)
    expect(invitation.tokenSha256).not.toContain(token)
    const audit = await db().selectFrom('auditLog').select(['action', 'detail']).where('actorUserId', '=', platform.userId).where('action', 'in', ['organization.created', 'invitation.created']).execute()
    expect(audit.map((a) => a.action).sort()).toEqual(['invitation.created', 'organization.created'])
    expect(JSON.stringify(audit)).not.toContain(token)
  })

  it.each([
    ['the same code in another case', { name: 'Globex Two', code: 'globex-1' }, { code: ['The code GLOBEX-1 is already used by Globex. Choose another code.'] }],
    ['the same name in another case', { name: 'GLOBEX', code: 'GLOBEX-2' }, { name: ['An organization named "Globex" already exists. Choose another name.'] }],
  ])('refuses %s and writes nothing', async (_, clash, fieldErrors) => {
    const before = await Promise.all([count('organizations'), count('invitations'), count('emailOutbox'), count('auditLog')])
    const result = await createOrganizationWithAdmin(platform, { kind: 'broker', ...clash, adminEmail: 'new@globex.example' }, ORIGIN)
    expect(result).toEqual({ ok: false, status: 409, fieldErrors })
    expect(await Promise.all([count('organizations'), count('invitations'), count('emailOutbox'), count('auditLog')])).toEqual(before)
  })

  it('refuses an e-mail that already has an account', async () => {
    const email = (await db().selectFrom('users').select('email').where('id', '=', t.users.adminA).executeTakeFirstOrThrow()).email
    const result = await createOrganizationWithAdmin(platform, { kind: 'health_system', name: 'Mercy West', code: 'MERCY', adminEmail: email.toUpperCase() }, ORIGIN)
    expect(result).toMatchObject({ ok: false, fieldErrors: { adminEmail: [expect.stringContaining('already has an account')] } })
    expect(await db().selectFrom('organizations').select('id').where('code', '=', 'MERCY').executeTakeFirst()).toBeUndefined()
  })

  it('the action answers field errors for a malformed code', async () => {
    const cookie = await cookieFor(t.users.platform)
    const { status } = await statusOf(invitationPageSafe, postRequest('/admin/organizations', { kind: 'employer', name: 'X Corp', code: "A'; DROP", adminEmail: 'x@x.example' }, { cookie }))
    expect(status).toBe(400)
  })
})

// The organizations route's action, imported lazily to keep the top of the file short.
const invitationPageSafe = async (args: Parameters<typeof invitationPage.action>[0]) => (await import('~/routes/admin.organizations')).action(args)

describe('accepting an invitation', () => {
  it('creates the user and membership, signs them in and sends them home; the link then says it was used', async () => {
    await createOrganizationWithAdmin(platform, { kind: 'health_system', name: 'Mercy Health', code: 'MERCY-H', adminEmail: 'dr.ross@mercy.example' }, ORIGIN)
    const token = await tokenMailedTo('dr.ross@mercy.example')
    const response = (await invitationPage.action({ request: postRequest(`/invitations/${token}`, { displayName: 'Doug Ross', password: PASSWORD }), params: { token }, context: {} })) as Response
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe('/center')
    const actor = await getOptionalActor(getRequest('/center', response.headers.get('Set-Cookie')!.split(';')[0]))
    expect(actor).toMatchObject({ role: 'center_admin', organizationName: 'Mercy Health', displayName: 'Doug Ross' })
    const membership = await db().selectFrom('memberships').select('isOrganizationAdmin').where('userId', '=', actor!.userId).executeTakeFirstOrThrow()
    expect(membership.isOrganizationAdmin).toBe(1)
    const audit = await db().selectFrom('auditLog').select('detail').where('action', '=', 'invitation.accepted').where('actorUserId', '=', actor!.userId).execute()
    expect(audit).toHaveLength(1)
    expect(JSON.stringify(await db().selectFrom('auditLog').select(['detail', 'subjectId']).execute())).not.toContain(token)

    const before = await count('users')
    const again = await acceptInvitation(token, { displayName: 'Someone', password: PASSWORD }, null)
    expect(again).toMatchObject({ ok: false, reason: 'closed', view: { state: 'accepted', organizationName: 'Mercy Health' } })
    expect(await count('users')).toBe(before)
    const page = await statusOf(invitationPage.loader, getRequest(`/invitations/${token}`), { token })
    expect(page.status).toBe(410)
  })

  it('is valid for exactly 72 hours: refused one second later', async () => {
    const created = new Date('2026-12-01T09:00:00Z')
    await createOrganizationWithAdmin(platform, { kind: 'broker', name: 'Late Brokers', code: 'LATE', adminEmail: 'late@brokers.example' }, ORIGIN, created)
    const token = await tokenMailedTo('late@brokers.example')
    expect((await getInvitation(token, new Date('2026-12-04T09:00:00Z'))).state).toBe('open')
    const result = await acceptInvitation(token, { displayName: 'Late Larry', password: PASSWORD }, null, new Date('2026-12-04T09:00:01Z'))
    expect(result).toMatchObject({ ok: false, reason: 'closed', view: { state: 'expired', organizationName: 'Late Brokers', expiresAt: '2026-12-04T09:00:00.000Z' } })
    expect(await db().selectFrom('users').select('id').where('email', '=', 'late@brokers.example').executeTakeFirst()).toBeUndefined()
  })

  it('refuses a revoked invitation and an unknown token (no hint)', async () => {
    const admin = await actorOf(t.users.adminA)
    expect(await inviteColleague(admin, { email: 'revoked@a.example', role: 'employer_admin', isOrganizationAdmin: false }, ORIGIN)).toEqual({ ok: true })
    const token = await tokenMailedTo('revoked@a.example')
    const invitation = await db().selectFrom('invitations').select('id').where('email', '=', 'revoked@a.example').executeTakeFirstOrThrow()
    expect(await revokeInvitation(admin, invitation.id)).toEqual({ ok: true })
    expect(await acceptInvitation(token, { displayName: 'R', password: PASSWORD }, null)).toMatchObject({ ok: false, reason: 'closed', view: { state: 'revoked' } })
    expect(await acceptInvitation('x'.repeat(43), { displayName: 'R', password: PASSWORD }, null)).toEqual({ ok: false, reason: 'closed', view: { state: 'unknown' } })
    expect((await statusOf(invitationPage.loader, getRequest('/invitations/nope'), { token: 'nope' })).status).toBe(404)
  })

  it('refuses a password too easy to guess and writes nothing', async () => {
    const admin = await actorOf(t.users.adminA)
    await inviteColleague(admin, { email: 'weak@a.example', role: 'employer_admin', isOrganizationAdmin: false }, ORIGIN)
    const token = await tokenMailedTo('weak@a.example')
    expect(await acceptInvitation(token, { displayName: 'Weak', password: 'weak@a.example' }, null)).toMatchObject({ ok: false, reason: 'fields', fieldErrors: { password: [expect.stringContaining('too easy to guess')] } })
    expect((await getInvitation(token)).state).toBe('open')
  })
})

describe('the team of an organization', () => {
  it('refuses a role the organization kind does not have, and an e-mail that has an account', async () => {
    const admin = await actorOf(t.users.adminA)
    expect(await inviteColleague(admin, { email: 'coord@a.example', role: 'care_coordinator', isOrganizationAdmin: false }, ORIGIN)).toEqual({ ok: false, status: 422, fieldErrors: { role: ['That role is not available for your organization.'] } })
    const email = (await db().selectFrom('users').select('email').where('id', '=', t.users.broker).executeTakeFirstOrThrow()).email
    expect(await inviteColleague(admin, { email, role: 'employer_admin', isOrganizationAdmin: false }, ORIGIN)).toMatchObject({ ok: false, status: 409 })
  })

  it('protects the last admin and refuses self-removal; a removed colleague loses sessions and sign-in', async () => {
    const admin = await actorOf(t.users.adminA)

    // A colleague joins as an admin; then Ada demotes them, leaving herself the last admin.
    await inviteColleague(admin, { email: 'colleague@a.example', role: 'employer_admin', isOrganizationAdmin: true }, ORIGIN)
    const accepted = await acceptInvitation(await tokenMailedTo('colleague@a.example'), { displayName: 'Carla Colleague', password: PASSWORD }, null)
    expect(accepted.ok).toBe(true)
    const colleague = await db().selectFrom('users').select('id').where('email', '=', 'colleague@a.example').executeTakeFirstOrThrow()
    const colleagueActor = await actorOf(colleague.id)
    expect(await changeColleague(admin, colleague.id, { role: 'employer_admin', isOrganizationAdmin: false })).toEqual({ ok: true })
    // Now Carla is not an admin: she cannot change the team.
    expect(await removeColleague(colleagueActor, admin.userId)).toEqual({ ok: false, message: 'Only an admin of your organization can change its team.' })
    // Make Carla admin again; with two admins, Carla demoting Ada leaves Carla the last one, who cannot be demoted by Ada (not admin any more).
    expect(await changeColleague(admin, colleague.id, { role: 'employer_admin', isOrganizationAdmin: true })).toEqual({ ok: true })
    expect(await changeColleague(colleagueActor, admin.userId, { role: 'employer_admin', isOrganizationAdmin: false })).toEqual({ ok: true })
    const ada = await actorOf(admin.userId)
    expect(await removeColleague(ada, colleague.id)).toEqual({ ok: false, message: 'Only an admin of your organization can change its team.' })
    expect(await changeColleague(colleagueActor, admin.userId, { role: 'employer_admin', isOrganizationAdmin: true })).toEqual({ ok: true })
    // Two admins now: self-removal and self-demotion are still refused.
    expect(await removeColleague(admin, admin.userId)).toEqual({ ok: false, message: 'You cannot remove yourself. Ask another admin of your organization.' })
    expect(await changeColleague(admin, admin.userId, { role: 'employer_admin', isOrganizationAdmin: false })).toEqual({ ok: false, message: 'You cannot change your own role. Ask another admin of your organization.' })

    // Removal: the membership and sessions go, the user row stays, sign-in fails.
    const sessionCookie = await cookieFor(colleague.id)
    expect(await removeColleague(admin, colleague.id)).toEqual({ ok: true })
    expect(await getOptionalActor(getRequest('/employer', sessionCookie))).toBeNull()
    expect(await db().selectFrom('sessions').select('id').where('userId', '=', colleague.id).execute()).toEqual([])
    expect(await db().selectFrom('users').select('id').where('id', '=', colleague.id).executeTakeFirst()).toBeDefined()
    const signIn = await statusOf(login.action, postRequest('/login', { email: 'colleague@a.example', password: PASSWORD }))
    expect(signIn.status).not.toBe(302)
    const audit = await db().selectFrom('auditLog').select('action').where('subjectId', '=', colleague.id).execute()
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['team.role_changed', 'team.removed']))
  })

  it('refuses removing or demoting the last organization admin, and says why', async () => {
    // Organization B has one admin (adminB) and, after this, one plain colleague.
    const adminB = await actorOf(t.users.adminB)
    await inviteColleague(adminB, { email: 'plain@b.example', role: 'employer_admin', isOrganizationAdmin: false }, ORIGIN)
    await acceptInvitation(await tokenMailedTo('plain@b.example'), { displayName: 'Plain Pat', password: PASSWORD }, null)
    const LAST = { ok: false, message: 'Your organization needs at least one admin: make someone else an admin first.' }
    expect(await removeColleague(adminB, adminB.userId)).toEqual(LAST)
    expect(await changeColleague(adminB, adminB.userId, { role: 'employer_admin', isOrganizationAdmin: false })).toEqual(LAST)
    const admins = await db().selectFrom('memberships').select('userId').where('organizationId', '=', t.b.employerId).where('isOrganizationAdmin', '=', 1).execute()
    expect(admins.map((a) => a.userId)).toEqual([adminB.userId])
  })
})
