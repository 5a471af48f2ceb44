import { verifyAgainstDummy, verifyPassword } from '~/auth/password.server'
import { HOME_PATH } from '~/auth/permissions'
import { createUserSession } from '~/auth/session.server'
import { clearFailures, recordFailure, secondsLocked } from '~/auth/rate-limits.server'
import { getDb } from '~/db/client.server'
import { findUserForSignIn, recordLogin, setPreferredLanguage } from '~/db/repositories/users.server'
import type { Language } from '~/i18n/languages'

export type SignInResult =
  | { ok: true; setCookie: string; homePath: string }
  | { ok: false; reason: 'invalid-credentials' }
  | { ok: false; reason: 'locked'; seconds: number }

/**
 * Checks e-mail and password; on success opens a new session (never reuses one). Failures are
 * limited per e-mail and per client address (rate-limits.server.ts). A language the member chose
 * on the signed-out pages is kept on their account, so e-mails about their cases use it (issue 11).
 */
export async function signIn(emailInput: string, password: string, ip: string | null, chosenLanguage: Language | null = null): Promise<SignInResult> {
  const email = emailInput.trim().toLowerCase()
  const keys = { account: email, ip }
  const seconds = await secondsLocked('signIn', keys)
  if (seconds > 0) return { ok: false, reason: 'locked', seconds }

  const db = getDb()
  const user = await findUserForSignIn(db, email)
  const isValid = user ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password)
  if (!user || !isValid) {
    await recordFailure('signIn', keys)
    return { ok: false, reason: 'invalid-credentials' }
  }
  await clearFailures('signIn', keys)
  const now = new Date()
  await recordLogin(db, user.id, now.toISOString())
  if (chosenLanguage && user.role === 'employee') await setPreferredLanguage(db, user.id, chosenLanguage)
  return { ok: true, setCookie: await createUserSession(user.id, now), homePath: HOME_PATH[user.role] }
}
