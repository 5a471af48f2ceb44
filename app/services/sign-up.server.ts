import { isEasyToGuess } from '~/auth/password-strength.server'
import { hashPassword } from '~/auth/password.server'
import { createUserSession } from '~/auth/session.server'
import { clearFailures, recordFailure, secondsLocked } from '~/auth/rate-limits.server'
import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import { insertAuditEntry } from '~/db/repositories/audit.server'
import { emailExists, findRosterMatches } from '~/db/repositories/eligibility.server'
import { findEmployerByCode } from '~/db/repositories/roster-import.server'
import { insertMembership, insertUser } from '~/db/repositories/users.server'
import { isUniqueViolation } from '~/db/unique-violation'
import { toIsoDate } from '~/domain/dates'
import { employeeIdKey, nameKey } from '~/domain/roster/names'
import type { SignUpInput } from '~/forms/sign-up'
import type { Language } from '~/i18n/languages'

/**
 * Why a sign-up was refused; the page says it in its own language. `no-match` is one answer for
 * every mismatch, so the form never reveals which detail was wrong or who is on a roster.
 */
export type SignUpRefusal =
  | { ok: false; reason: 'locked'; seconds: number; status: 429 }
  | { ok: false; reason: 'easy-password'; status: 422 }
  | { ok: false; reason: 'no-match'; status: 422 }
  | { ok: false; reason: 'already-member'; status: 409 }
  | { ok: false; reason: 'email-taken'; status: 409 }

export type SignUpResult = { ok: true; setCookie: string } | SignUpRefusal

/**
 * Eligibility verification (DESIGN §3): bind a new member account to exactly one roster row. The
 * account keeps the language of the sign-up, so e-mails about the member's cases use it (issue 11).
 */
export async function signUpMember(input: SignUpInput, ip: string | null, language: Language, now = new Date()): Promise<SignUpResult> {
  // Failed matches are limited per roster identity tried and per client address (guessing who is on a roster).
  const keys = { account: `${input.employerCode}:${input.employeeId ?? input.lastName ?? ''}`, ip }
  const seconds = await secondsLocked('signUp', keys)
  if (seconds > 0) return { ok: false, reason: 'locked', seconds, status: 429 }
  // Before any roster look-up, so the answer reveals nothing about who is on a list.
  if (isEasyToGuess(input.password, [input.email, input.employerCode, input.lastName ?? '', input.employeeId ?? ''])) return { ok: false, reason: 'easy-password', status: 422 }
  const db = getDb()
  const employer = await findEmployerByCode(db, input.employerCode)
  const matches = employer
    ? await findRosterMatches(
        db,
        employer.id,
        input.matchBy === 'employee_id' ? { employeeIdKey: employeeIdKey(input.employeeId!) } : { lastNameKey: nameKey(input.lastName!), dateOfBirth: input.dateOfBirth!, zip: input.zip! },
      )
    : []
  const today = toIsoDate(now)
  const match = matches.length === 1 ? matches[0] : undefined
  if (!employer || !match || match.coverageStart > today || (match.coverageEnd !== null && match.coverageEnd < today)) {
    await recordFailure('signUp', keys)
    return { ok: false, reason: 'no-match', status: 422 }
  }
  if (match.membershipId) return { ok: false, reason: 'already-member', status: 409 }
  if (await emailExists(db, input.email)) return { ok: false, reason: 'email-taken', status: 409 }
  await clearFailures('signUp', keys)
  const userId = newId()
  const at = now.toISOString()
  const passwordHash = await hashPassword(input.password)
  try {
    await db.transaction().execute(async (trx) => {
      await insertUser(trx, { id: userId, email: input.email, passwordHash, displayName: `${match.firstName} ${match.lastName}`, createdAt: at, lastLoginAt: at, preferredLanguage: language })
      await insertMembership(trx, { id: newId(), userId, organizationId: employer.id, role: 'employee', rosterMemberId: match.id, createdAt: at })
      await insertAuditEntry(trx, { userId, organizationId: employer.id }, { action: 'member.signed_up', subjectType: 'roster_member', subjectId: match.id, employerId: employer.id, at })
    })
  } catch (error) {
    // Two sign-ups at once for this member or this e-mail: the other one was written first.
    if (!isUniqueViolation(error)) throw error
    if (await emailExists(db, input.email)) return { ok: false, reason: 'email-taken', status: 409 }
    return { ok: false, reason: 'already-member', status: 409 }
  }
  return { ok: true, setCookie: await createUserSession(userId, now) }
}
