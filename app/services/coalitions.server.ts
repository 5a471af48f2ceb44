import type { Kysely } from 'kysely'
import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import { insertAuditEntry } from '~/db/repositories/audit.server'
import {
  findCoalition, findMembershipOfCoalition, findMembershipOfEmployer, findOpenMembership, findOrganizationByCode, insertCoalitionMembership,
  listCoalitionMemberships, listEmployerMemberships, listOrganizationAdminEmails, updateCoalitionMembership,
} from '~/db/repositories/coalitions.server'
import type { Database } from '~/db/schema'
import { applyMembershipAction, invitationRefusal, type MembershipAction, type MembershipSide } from '~/domain/coalitions/membership'
import { toIsoDate } from '~/domain/dates'
import type { Actor, EmployerScope } from '~/domain/tenancy'
import { notFound } from '~/http/responses.server'
import { queueEmail } from './email-outbox.server'

/**
 * Coalition memberships (issue 23, ADR 0020, DESIGN §12): the coalition's admin invites an employer
 * by its code, withdraws an invitation, ends a membership; the employer's admin accepts (a member from
 * that day), declines, or leaves with a last day. Every change is audited and e-mailed (outbox) to the
 * other side's admins. A row of another coalition or employer is a 404, as if it did not exist.
 */

/** Member employers shown per page on the coalition home. */
export const COALITION_MEMBERS_PAGE_SIZE = 50

const CODE_CHARACTERS = /^[A-Z0-9-]{1,40}$/

export type CoalitionResult = { ok: true } | { ok: false; status: 400 | 422; message: string }

/** The coalition home (issue 23): the coalition and one page of its member employers with their dates and status. */
export async function getCoalitionHome(coalitionId: string, page: number) {
  const db = getDb()
  const coalition = await findCoalition(db, coalitionId)
  if (!coalition) throw notFound('Coalition')
  const { rows, total } = await listCoalitionMemberships(db, coalitionId, { limit: COALITION_MEMBERS_PAGE_SIZE, offset: (page - 1) * COALITION_MEMBERS_PAGE_SIZE })
  return { coalition, memberships: rows, total, page, pages: Math.max(1, Math.ceil(total / COALITION_MEMBERS_PAGE_SIZE)) }
}

/** The employer's coalition invitations and memberships (newest first). */
export async function getEmployerCoalitions(scope: EmployerScope) {
  return { memberships: await listEmployerMemberships(getDb(), scope.employerId) }
}

/** The coalition's admin invites an employer by the code its members sign up with. */
export async function inviteEmployer(actor: Actor, coalitionId: string, typedCode: string, now = new Date()): Promise<CoalitionResult & { membershipId?: string }> {
  const code = typedCode.trim().toUpperCase()
  if (code === '') return { ok: false, status: 400, message: "Enter the employer's code." }
  // Codes are letters, digits and dashes (ORGANIZATION_CODE_PATTERN for new ones; a few older ones are longer than 20).
  if (!CODE_CHARACTERS.test(code)) return { ok: false, status: 400, message: "Enter the employer's code: letters, digits or dashes, like ACME." }
  const db = getDb()
  const at = now.toISOString()
  return db.transaction().execute(async (trx) => {
    const coalition = await findCoalition(trx, coalitionId)
    if (!coalition) throw notFound('Coalition')
    const organization = await findOrganizationByCode(trx, code)
    if (!organization) return { ok: false as const, status: 422 as const, message: `No organization has the code ${code}.` }
    if (organization.kind !== 'employer') {
      return { ok: false as const, status: 422 as const, message: `${organization.name} (${organization.code}) is not an employer: only employers can join a coalition.` }
    }
    const open = await findOpenMembership(trx, coalitionId, organization.id)
    const refusal = invitationRefusal(open?.status ?? null, organization.name)
    if (refusal) return { ok: false as const, status: 422 as const, message: refusal }
    const membershipId = newId()
    await insertCoalitionMembership(trx, {
      id: membershipId, coalitionOrganizationId: coalitionId, employerOrganizationId: organization.id, status: 'invited', invitedAt: at, invitedByUserId: actor.userId,
      joinedOn: null, leftOn: null, respondedByUserId: null, respondedAt: null, endedByUserId: null, createdAt: at,
    })
    await audit(trx, actor, 'coalition.invited', membershipId, organization.id, at, { coalitionId, employerCode: organization.code })
    await notify(trx, organization.id, `${coalition.name} invites ${organization.name} to join`, [
      `${coalition.name} has invited ${organization.name} to join the coalition on the COE Marketplace.`,
      'As a member, you can adopt the coalition\'s network and rates into your own programs, and your episodes count in its pooled reports (never under your name in another member\'s view).',
      'Accept or decline on the Coalitions page of your employer portal (/employer/coalitions).',
    ], at)
    return { ok: true as const, membershipId }
  })
}

/** The coalition's admin withdraws an invitation not yet answered, or ends a membership on a last day. */
export async function changeMembershipAsCoalition(
  actor: Actor,
  coalitionId: string,
  membershipId: string,
  action: Extract<MembershipAction, 'withdraw' | 'end'>,
  lastDay: string,
  now = new Date(),
): Promise<CoalitionResult> {
  const db = getDb()
  return db.transaction().execute(async (trx) => {
    const row = await findMembershipOfCoalition(trx, coalitionId, membershipId)
    if (!row) throw notFound('Membership')
    const coalition = (await findCoalition(trx, coalitionId))!
    return apply(trx, actor, 'coalition', action, row, action === 'end' ? lastDay : toIsoDate(now), now, {
      notifyOrganizationId: row.employerOrganizationId,
      subject: action === 'withdraw' ? `${coalition.name} withdrew its invitation` : `${coalition.name} ended ${row.employerName}'s membership`,
      body: (result) =>
        action === 'withdraw'
          ? [`${coalition.name} withdrew its invitation to ${row.employerName}.`]
          : [`${coalition.name} ended ${row.employerName}'s membership. The last day of membership is ${result.leftOn}.`, 'Programs that adopted the coalition\'s network keep their own rules; review them on your Programs page.'],
    })
  })
}

/** The employer's admin accepts (a member from today) or declines an invitation, or leaves a coalition on a last day. */
export async function changeMembershipAsEmployer(
  actor: Actor,
  scope: EmployerScope,
  membershipId: string,
  action: Extract<MembershipAction, 'accept' | 'decline' | 'end'>,
  lastDay: string,
  now = new Date(),
): Promise<CoalitionResult> {
  const db = getDb()
  return db.transaction().execute(async (trx) => {
    const row = await findMembershipOfEmployer(trx, scope.employerId, membershipId)
    if (!row) throw notFound('Invitation')
    return apply(trx, actor, 'employer', action, row, action === 'end' ? lastDay : toIsoDate(now), now, {
      notifyOrganizationId: row.coalitionOrganizationId,
      subject:
        action === 'accept' ? `${actor.organizationName} joined ${row.coalitionName}` : action === 'decline' ? `${actor.organizationName} declined the invitation` : `${actor.organizationName} is leaving ${row.coalitionName}`,
      body: (result) =>
        action === 'accept'
          ? [`${actor.organizationName} accepted the invitation and is a member of ${row.coalitionName} from ${result.joinedOn}.`]
          : action === 'decline'
            ? [`${actor.organizationName} declined the invitation to join ${row.coalitionName}.`]
            : [`${actor.organizationName} is leaving ${row.coalitionName}. Its last day of membership is ${result.leftOn}.`],
    })
  })
}

const AUDIT_ACTION: Record<MembershipAction, string> = {
  accept: 'coalition.joined',
  decline: 'coalition.declined',
  withdraw: 'coalition.invitation_withdrawn',
  end: 'coalition.membership_ended',
}

async function apply(
  trx: Kysely<Database>,
  actor: Actor,
  side: MembershipSide,
  action: MembershipAction,
  row: { id: string; status: Parameters<typeof applyMembershipAction>[0]['status']; joinedOn: string | null; leftOn: string | null; coalitionOrganizationId: string; employerOrganizationId: string },
  date: string,
  now: Date,
  message: { notifyOrganizationId: string; subject: string; body: (result: { joinedOn: string | null; leftOn: string | null }) => string[] },
): Promise<CoalitionResult> {
  const result = applyMembershipAction(row, action, side, date)
  if (!result.ok) return { ok: false, status: 422, message: result.message }
  const at = now.toISOString()
  const responded = action === 'accept' || action === 'decline'
  const changed = await updateCoalitionMembership(trx, row.id, row.status, {
    status: result.status, joinedOn: result.joinedOn, leftOn: result.leftOn,
    ...(responded ? { respondedByUserId: actor.userId, respondedAt: at } : { endedByUserId: actor.userId }),
  })
  if (changed === 0) return { ok: false, status: 422, message: 'Someone else changed this membership just now. Reload the page and try again.' }
  await audit(trx, actor, AUDIT_ACTION[action], row.id, row.employerOrganizationId, at, {
    coalitionId: row.coalitionOrganizationId, by: side, from: row.status, to: result.status, joinedOn: result.joinedOn, leftOn: result.leftOn,
  })
  await notify(trx, message.notifyOrganizationId, message.subject, message.body(result), at)
  return { ok: true }
}

function audit(trx: Kysely<Database>, actor: Actor, action: string, membershipId: string, employerId: string, at: string, detail: Record<string, unknown>) {
  return insertAuditEntry(trx, actor, { action, subjectType: 'coalition_membership', subjectId: membershipId, employerId, at, detail: JSON.stringify(detail) })
}

/** One outbox e-mail to each admin of the other side's organization (bounded). */
async function notify(trx: Kysely<Database>, organizationId: string, subject: string, paragraphs: string[], at: string) {
  for (const admin of await listOrganizationAdminEmails(trx, organizationId)) {
    await queueEmail(trx, {
      id: newId(), caseId: null, toAddress: admin.email, subject, body: ['Hello,', ...paragraphs, '— COE Marketplace'].join('\n\n'),
      createdAt: at, sentAt: null, attempts: 0, lastError: null,
    })
  }
}
