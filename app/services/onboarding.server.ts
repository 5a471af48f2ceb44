import { createHash, randomBytes } from 'node:crypto'
import { isEasyToGuess } from '~/auth/password-strength.server'
import { hashPassword } from '~/auth/password.server'
import { clearFailures, recordFailure, secondsLocked } from '~/auth/rate-limits.server'
import { createUserSession } from '~/auth/session.server'
import { HOME_PATH } from '~/auth/permissions'
import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import { insertAuditEntry } from '~/db/repositories/audit.server'
import {
  countOrganizationAdmins, deleteMembershipAndSessions, emailHasAccount, findColleague, findInvitationByTokenHash, findOrganizationClash,
  insertInvitation, isOrganizationAdmin, listColleagues, listOpenInvitations, markInvitationAccepted, revokeOpenInvitation, updateMembershipRole,
} from '~/db/repositories/invitations.server'
import { findOrganization, insertOrganization } from '~/db/repositories/organizations.server'
import { insertMembership, insertUser } from '~/db/repositories/users.server'
import type { Database } from '~/db/schema'
import { FIRST_ADMIN_ROLE, INVITATION_VALID_MS, invitationState, isRoleAllowedFor, ROLE_LABEL, type InvitationState } from '~/domain/onboarding/onboarding'
import type { Actor, OrganizationKind, Role } from '~/domain/tenancy'
import type { Kysely } from 'kysely'
import { queueEmail } from './email-outbox.server'

/**
 * Onboarding organizations and people (issue 22): the platform creates an organization and invites
 * its first admin; an organization's admins invite, change and remove colleagues. An invitation is
 * a random 32-byte token, e-mailed once through the outbox; only its SHA-256 is stored, and neither
 * the token nor the link is ever written to the audit log or the logs.
 */

export type FieldErrors = Record<string, string[]>
export type Outcome = { ok: true } | { ok: false; fieldErrors: FieldErrors; status: 409 | 422 }

export function hashInvitationToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

const EMAIL_HAS_ACCOUNT = 'This e-mail already has an account on the portal. Invite another address, or ask the platform team to move that account.'

async function queueInvitation(
  db: Kysely<Database>,
  input: { organizationId: string; organizationName: string; email: string; role: Role; isOrganizationAdmin: 0 | 1; invitedByUserId: string; origin: string },
  now: Date,
): Promise<string> {
  const token = randomBytes(32).toString('base64url')
  const id = newId()
  const expiresAt = new Date(now.getTime() + INVITATION_VALID_MS)
  await insertInvitation(db, {
    id, organizationId: input.organizationId, email: input.email, role: input.role, isOrganizationAdmin: input.isOrganizationAdmin,
    tokenSha256: hashInvitationToken(token), invitedByUserId: input.invitedByUserId, createdAt: now.toISOString(), expiresAt: expiresAt.toISOString(),
  })
  const link = `${input.origin}/invitations/${token}`
  await queueEmail(db, {
    id: newId(), caseId: null, toAddress: input.email, subject: `You are invited to ${input.organizationName} on the COE Marketplace`,
    body: [
      `Hello,`,
      `You have been invited to join ${input.organizationName} on the COE Marketplace as ${ROLE_LABEL[input.role]}.`,
      `Choose your password here (the link works once, until ${expiresAt.toUTCString()}):`,
      link,
      `If you did not expect this e-mail, you can ignore it.`,
    ].join('\n\n'),
    createdAt: now.toISOString(), sentAt: null, attempts: 0, lastError: null,
  })
  return id
}

// ——— Platform: a new organization and its first admin ———

export interface NewOrganizationInput {
  kind: Exclude<OrganizationKind, 'platform'>
  name: string
  code: string
  adminEmail: string
}

export async function createOrganizationWithAdmin(actor: Actor, input: NewOrganizationInput, origin: string, now = new Date()): Promise<Outcome & { organizationId?: string }> {
  const db = getDb()
  const code = input.code.toUpperCase()
  const email = input.adminEmail.trim().toLowerCase()
  return db.transaction().execute(async (trx) => {
    const fieldErrors: FieldErrors = {}
    for (const clash of await findOrganizationClash(trx, input.name, code)) {
      if (clash.name.toLowerCase() === input.name.toLowerCase()) fieldErrors.name = [`An organization named "${clash.name}" already exists. Choose another name.`]
      if (clash.code.toUpperCase() === code) fieldErrors.code = [`The code ${clash.code} is already used by ${clash.name}. Choose another code.`]
    }
    if (await emailHasAccount(trx, email)) fieldErrors.adminEmail = [EMAIL_HAS_ACCOUNT]
    if (Object.keys(fieldErrors).length > 0) return { ok: false as const, fieldErrors, status: 409 as const }
    const organizationId = newId()
    const at = now.toISOString()
    await insertOrganization(trx, { id: organizationId, kind: input.kind, name: input.name, code, createdAt: at })
    const role = FIRST_ADMIN_ROLE[input.kind]
    const invitationId = await queueInvitation(trx, { organizationId, organizationName: input.name, email, role, isOrganizationAdmin: 1, invitedByUserId: actor.userId, origin }, now)
    const employerId = input.kind === 'employer' ? organizationId : null
    await insertAuditEntry(trx, actor, { action: 'organization.created', subjectType: 'organization', subjectId: organizationId, employerId, at, detail: JSON.stringify({ kind: input.kind, name: input.name, code }) })
    await insertAuditEntry(trx, actor, { action: 'invitation.created', subjectType: 'invitation', subjectId: invitationId, employerId, at, detail: JSON.stringify({ organizationId, email, role, isOrganizationAdmin: 1 }) })
    return { ok: true as const, organizationId }
  })
}

// ——— Accepting an invitation ———

export type InvitationView =
  | { state: 'open'; organizationName: string; roleLabel: string; email: string; expiresAt: string }
  | { state: Exclude<InvitationState, 'open'>; organizationName: string; expiresAt: string }
  | { state: 'unknown' }

export async function getInvitation(token: string, now = new Date()): Promise<InvitationView> {
  if (token.length > 200) return { state: 'unknown' }
  const invitation = await findInvitationByTokenHash(getDb(), hashInvitationToken(token))
  if (!invitation) return { state: 'unknown' }
  const state = invitationState(invitation, now)
  if (state !== 'open') return { state, organizationName: invitation.organizationName, expiresAt: invitation.expiresAt }
  return { state, organizationName: invitation.organizationName, roleLabel: ROLE_LABEL[invitation.role], email: invitation.email, expiresAt: invitation.expiresAt }
}

export type AcceptResult =
  | { ok: true; setCookie: string; home: string }
  | { ok: false; reason: 'locked'; seconds: number }
  | { ok: false; reason: 'closed'; view: InvitationView }
  | { ok: false; reason: 'fields'; fieldErrors: FieldErrors }

export async function acceptInvitation(token: string, input: { displayName: string; password: string }, ip: string | null, now = new Date()): Promise<AcceptResult> {
  const keys = { account: `invitation:${hashInvitationToken(token).slice(0, 16)}`, ip }
  const seconds = await secondsLocked('signUp', keys)
  if (seconds > 0) return { ok: false, reason: 'locked', seconds }
  const view = await getInvitation(token, now)
  if (view.state !== 'open') {
    await recordFailure('signUp', keys)
    return { ok: false, reason: 'closed', view }
  }
  if (isEasyToGuess(input.password, [view.email, input.displayName, view.organizationName])) {
    return { ok: false, reason: 'fields', fieldErrors: { password: ['This password is too easy to guess. Use a longer phrase that is not your name, e-mail or organization.'] } }
  }
  const db = getDb()
  const passwordHash = await hashPassword(input.password)
  const userId = newId()
  const at = now.toISOString()
  const result = await db.transaction().execute(async (trx) => {
    const invitation = await findInvitationByTokenHash(trx, hashInvitationToken(token))
    if (!invitation || invitationState(invitation, now) !== 'open') return 'closed' as const
    if (await emailHasAccount(trx, invitation.email)) return 'email-taken' as const
    await insertUser(trx, { id: userId, email: invitation.email, passwordHash, displayName: input.displayName, createdAt: at, lastLoginAt: at, preferredLanguage: 'en' })
    await insertMembership(trx, { id: newId(), userId, organizationId: invitation.organizationId, role: invitation.role, rosterMemberId: null, createdAt: at })
    if (invitation.isOrganizationAdmin === 1) {
      await trx.updateTable('memberships').set({ isOrganizationAdmin: 1 }).where('userId', '=', userId).execute()
    }
    if ((await markInvitationAccepted(trx, invitation.id, userId, at)) !== 1) throw new Error('invitation accepted twice at once')
    const employerId = invitation.organizationKind === 'employer' ? invitation.organizationId : null
    await insertAuditEntry(trx, { userId, organizationId: invitation.organizationId, ip }, { action: 'invitation.accepted', subjectType: 'invitation', subjectId: invitation.id, employerId, at, detail: JSON.stringify({ role: invitation.role, isOrganizationAdmin: invitation.isOrganizationAdmin }) })
    return invitation.role
  })
  if (result === 'closed') return { ok: false, reason: 'closed', view: await getInvitation(token, now) }
  if (result === 'email-taken') return { ok: false, reason: 'fields', fieldErrors: { password: [EMAIL_HAS_ACCOUNT] } }
  await clearFailures('signUp', keys)
  return { ok: true, setCookie: await createUserSession(userId, now), home: HOME_PATH[result] }
}

// ——— The team page ———

export async function getTeam(actor: Actor, now = new Date()) {
  const db = getDb()
  const [colleagues, invitations, canManage, organization] = await Promise.all([
    listColleagues(db, actor.organizationId),
    listOpenInvitations(db, actor.organizationId),
    isOrganizationAdmin(db, actor.userId, actor.organizationId),
    findOrganization(db, actor.organizationId),
  ])
  return {
    organizationName: organization?.name ?? actor.organizationName,
    organizationKind: actor.organizationKind,
    canManage,
    colleagues: colleagues.map((c) => ({ ...c, roleLabel: ROLE_LABEL[c.role], isYou: c.userId === actor.userId })),
    invitations: invitations.map((i) => ({ ...i, roleLabel: ROLE_LABEL[i.role], isExpired: now.toISOString() > i.expiresAt })),
  }
}

const NOT_ADMIN = 'Only an admin of your organization can change its team.'
const ROLE_NOT_ALLOWED = 'That role is not available for your organization.'
const employerOf = (actor: Actor) => (actor.organizationKind === 'employer' ? actor.organizationId : null)

export async function inviteColleague(actor: Actor, input: { email: string; role: Role; isOrganizationAdmin: boolean }, origin: string, now = new Date()): Promise<Outcome> {
  const db = getDb()
  const email = input.email.trim().toLowerCase()
  return db.transaction().execute(async (trx): Promise<Outcome> => {
    if (!(await isOrganizationAdmin(trx, actor.userId, actor.organizationId))) return { ok: false as const, fieldErrors: { email: [NOT_ADMIN] }, status: 422 as const }
    if (!isRoleAllowedFor(actor.organizationKind, input.role)) return { ok: false as const, fieldErrors: { role: [ROLE_NOT_ALLOWED] }, status: 422 as const }
    if (await emailHasAccount(trx, email)) return { ok: false as const, fieldErrors: { email: [EMAIL_HAS_ACCOUNT] }, status: 409 as const }
    const flag = input.isOrganizationAdmin ? 1 : 0
    const id = await queueInvitation(trx, { organizationId: actor.organizationId, organizationName: actor.organizationName, email, role: input.role, isOrganizationAdmin: flag, invitedByUserId: actor.userId, origin }, now)
    await insertAuditEntry(trx, actor, { action: 'invitation.created', subjectType: 'invitation', subjectId: id, employerId: employerOf(actor), at: now.toISOString(), detail: JSON.stringify({ organizationId: actor.organizationId, email, role: input.role, isOrganizationAdmin: flag }) })
    return { ok: true as const }
  })
}

export type TeamChangeResult = { ok: true } | { ok: false; message: string }

export async function revokeInvitation(actor: Actor, invitationId: string, now = new Date()): Promise<TeamChangeResult> {
  const db = getDb()
  return db.transaction().execute(async (trx) => {
    if (!(await isOrganizationAdmin(trx, actor.userId, actor.organizationId))) return { ok: false as const, message: NOT_ADMIN }
    if ((await revokeOpenInvitation(trx, actor.organizationId, invitationId, now.toISOString())) !== 1) return { ok: false as const, message: 'This invitation is no longer open.' }
    await insertAuditEntry(trx, actor, { action: 'invitation.revoked', subjectType: 'invitation', subjectId: invitationId, employerId: employerOf(actor), at: now.toISOString() })
    return { ok: true as const }
  })
}

/** Self-changes are refused anyway; the last admin is told why in these words (and a race between two admins meets the count check). */
const LAST_ADMIN = 'Your organization needs at least one admin: make someone else an admin first.'

export async function changeColleague(actor: Actor, userId: string, input: { role: Role; isOrganizationAdmin: boolean }, now = new Date()): Promise<TeamChangeResult> {
  const db = getDb()
  return db.transaction().execute(async (trx) => {
    if (!(await isOrganizationAdmin(trx, actor.userId, actor.organizationId))) return { ok: false as const, message: NOT_ADMIN }
    if (userId === actor.userId) return { ok: false as const, message: (await countOrganizationAdmins(trx, actor.organizationId)) <= 1 ? LAST_ADMIN : 'You cannot change your own role. Ask another admin of your organization.' }
    if (!isRoleAllowedFor(actor.organizationKind, input.role)) return { ok: false as const, message: ROLE_NOT_ALLOWED }
    const colleague = await findColleague(trx, actor.organizationId, userId)
    if (!colleague) return { ok: false as const, message: 'This person is not on your team.' }
    const flag = input.isOrganizationAdmin ? 1 : 0
    if (colleague.isOrganizationAdmin === 1 && flag === 0 && (await countOrganizationAdmins(trx, actor.organizationId)) <= 1) return { ok: false as const, message: LAST_ADMIN }
    await updateMembershipRole(trx, colleague.membershipId, { role: input.role, isOrganizationAdmin: flag })
    await insertAuditEntry(trx, actor, { action: 'team.role_changed', subjectType: 'user', subjectId: userId, employerId: employerOf(actor), at: now.toISOString(), detail: JSON.stringify({ from: { role: colleague.role, isOrganizationAdmin: colleague.isOrganizationAdmin }, to: { role: input.role, isOrganizationAdmin: flag } }) })
    return { ok: true as const }
  })
}

export async function removeColleague(actor: Actor, userId: string, now = new Date()): Promise<TeamChangeResult> {
  const db = getDb()
  return db.transaction().execute(async (trx) => {
    if (!(await isOrganizationAdmin(trx, actor.userId, actor.organizationId))) return { ok: false as const, message: NOT_ADMIN }
    if (userId === actor.userId) return { ok: false as const, message: (await countOrganizationAdmins(trx, actor.organizationId)) <= 1 ? LAST_ADMIN : 'You cannot remove yourself. Ask another admin of your organization.' }
    const colleague = await findColleague(trx, actor.organizationId, userId)
    if (!colleague) return { ok: false as const, message: 'This person is not on your team.' }
    if (colleague.isOrganizationAdmin === 1 && (await countOrganizationAdmins(trx, actor.organizationId)) <= 1) return { ok: false as const, message: LAST_ADMIN }
    await deleteMembershipAndSessions(trx, colleague.membershipId, userId)
    await insertAuditEntry(trx, actor, { action: 'team.removed', subjectType: 'user', subjectId: userId, employerId: employerOf(actor), at: now.toISOString(), detail: JSON.stringify({ email: colleague.email, role: colleague.role }) })
    return { ok: true as const }
  })
}
