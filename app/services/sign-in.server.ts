import { verifyAgainstDummy, verifyPassword } from '~/auth/password.server'
import { HOME_PATH } from '~/auth/permissions'
import { createUserSession } from '~/auth/session.server'
import { clearSignInFailures, recordSignInFailure, signInLockedForMinutes } from '~/auth/sign-in-throttle.server'
import { getDb } from '~/db/client.server'
import { findUserForSignIn, recordLogin } from '~/db/repositories/users.server'

export type SignInResult =
  | { ok: true; setCookie: string; homePath: string }
  | { ok: false; reason: 'invalid-credentials' }
  | { ok: false; reason: 'locked'; minutes: number }

/** Checks e-mail and password; on success opens a new session (never reuses one). */
export async function signIn(emailInput: string, password: string): Promise<SignInResult> {
  const email = emailInput.trim().toLowerCase()
  const minutes = signInLockedForMinutes(email)
  if (minutes > 0) return { ok: false, reason: 'locked', minutes }

  const db = getDb()
  const user = await findUserForSignIn(db, email)
  const isValid = user ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password)
  if (!user || !isValid) {
    recordSignInFailure(email)
    return { ok: false, reason: 'invalid-credentials' }
  }
  clearSignInFailures(email)
  const now = new Date()
  await recordLogin(db, user.id, now.toISOString())
  return { ok: true, setCookie: await createUserSession(user.id, now), homePath: HOME_PATH[user.role] }
}
