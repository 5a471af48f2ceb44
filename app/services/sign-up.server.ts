import { passwordProblem } from '~/auth/password-strength.server'
import { hashPassword } from '~/auth/password.server'
import { createUserSession } from '~/auth/session.server'
import { clearFailures, recordFailure, secondsLocked, waitText } from '~/auth/rate-limits.server'
import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import { insertAuditEntry } from '~/db/repositories/audit.server'
import { emailExists, findRosterMatches } from '~/db/repositories/eligibility.server'
import { findEmployerByCode } from '~/db/repositories/roster-import.server'
import { insertMembership, insertUser } from '~/db/repositories/users.server'
import { toIsoDate } from '~/domain/dates'
import type { SignUpInput } from '~/forms/sign-up'

export type SignUpResult =
  | { ok: true; setCookie: string }
  | { ok: false; formError: string; status: number }
  | { ok: false; fieldErrors: Record<string, string[]>; status: number }

// One message for every mismatch, so the form never reveals which answer was wrong or who is on a roster.
const NO_MATCH = "We couldn't match those details to your employer's eligibility list. Check them against your benefits guide, or ask your HR team."

/** Eligibility verification (DESIGN §3): bind a new member account to exactly one roster row. */
export async function signUpMember(input: SignUpInput, ip: string | null, now = new Date()): Promise<SignUpResult> {
  // Failed matches are limited per roster identity tried and per client address (guessing who is on a roster).
  const keys = { account: `${input.employerCode}:${input.employeeId ?? input.lastName ?? ''}`, ip }
  const seconds = await secondsLocked('signUp', keys)
  if (seconds > 0) return { ok: false, formError: `Too many attempts to match an eligibility list. Wait ${waitText(seconds)} and try again.`, status: 429 }
  // Before any roster look-up, so the answer reveals nothing about who is on a list.
  const weak = passwordProblem(input.password, [input.email, input.employerCode, input.lastName ?? '', input.employeeId ?? ''])
  if (weak) return { ok: false, fieldErrors: { password: [weak] }, status: 422 }
  const db = getDb()
  const employer = await findEmployerByCode(db, input.employerCode)
  const matches = employer
    ? await findRosterMatches(
        db,
        employer.id,
        input.matchBy === 'employee_id' ? { employeeId: input.employeeId! } : { lastName: input.lastName!, dateOfBirth: input.dateOfBirth!, zip: input.zip! },
      )
    : []
  const today = toIsoDate(now)
  const match = matches.length === 1 ? matches[0] : undefined
  if (!employer || !match || match.coverageStart > today || (match.coverageEnd !== null && match.coverageEnd < today)) {
    await recordFailure('signUp', keys)
    return { ok: false, formError: NO_MATCH, status: 422 }
  }
  if (match.membershipId) return { ok: false, formError: 'You already have an account. Sign in instead, or reset your password with your HR team.', status: 409 }
  if (await emailExists(db, input.email)) return { ok: false, fieldErrors: { email: ['An account already uses this e-mail. Sign in instead.'] }, status: 409 }
  await clearFailures('signUp', keys)
  const userId = newId()
  const at = now.toISOString()
  const passwordHash = await hashPassword(input.password)
  await db.transaction().execute(async (trx) => {
    await insertUser(trx, { id: userId, email: input.email, passwordHash, displayName: `${match.firstName} ${match.lastName}`, createdAt: at, lastLoginAt: at })
    await insertMembership(trx, { id: newId(), userId, organizationId: employer.id, role: 'employee', rosterMemberId: match.id, createdAt: at })
    await insertAuditEntry(trx, { userId, organizationId: employer.id }, { action: 'member.signed_up', subjectType: 'roster_member', subjectId: match.id, employerId: employer.id, at })
  })
  return { ok: true, setCookie: await createUserSession(userId, now) }
}
