import { createHash, randomBytes } from 'node:crypto'
import { createCookie } from '@remix-run/node'
import { getDb } from '~/db/client.server'
import { deleteSession, findSessionActor, insertSession, touchSession } from '~/db/repositories/sessions.server'
import { getEnv } from '~/env.server'

/** Sign-out after 30 idle minutes and after 12 hours in any case (member data is PHI). */
export const IDLE_TIMEOUT_MS = 30 * 60 * 1000
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000
const TOUCH_INTERVAL_MS = 60 * 1000

let cookie: ReturnType<typeof createCookie> | undefined
function sessionCookie() {
  const env = getEnv()
  cookie ??= createCookie('__session', {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: env.NODE_ENV === 'production',
    secrets: [env.sessionSecret],
  })
  return cookie
}

/** The database stores a hash of the token, so a copy of the table opens no session. */
function sessionIdFromToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url')
}

/** Starts a new session (a fresh token on every sign-in) and returns its Set-Cookie header. */
export async function createUserSession(userId: string, now = new Date()): Promise<string> {
  const token = randomBytes(32).toString('base64url')
  const createdAt = now.toISOString()
  await insertSession(getDb(), {
    id: sessionIdFromToken(token),
    userId,
    createdAt,
    lastSeenAt: createdAt,
    expiresAt: new Date(now.getTime() + ABSOLUTE_TIMEOUT_MS).toISOString(),
  })
  return sessionCookie().serialize(token, { maxAge: ABSOLUTE_TIMEOUT_MS / 1000 })
}

async function readToken(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie().parse(request.headers.get('Cookie'))
  return typeof value === 'string' && value.length > 0 ? value : null
}

export type SessionActorRow = NonNullable<Awaited<ReturnType<typeof findSessionActor>>>

/**
 * Session look-ups in flight, by token: the root and the page's loaders of one document ask at the
 * same moment (Remix hands each loader its own copy of the Request), and share one read of the row
 * (issue 24: the session was read twice per page). Dropped as soon as the read settles, so nothing
 * is remembered between requests.
 */
const readsInFlight = new Map<string, Promise<SessionActorRow | null>>()

/** The live session of the request, or null (missing, tampered, idle or expired). */
export async function readSession(request: Request, now = new Date()): Promise<SessionActorRow | null> {
  const token = await readToken(request)
  if (!token) return null
  const pending = readsInFlight.get(token)
  if (pending) return pending
  const read = readLiveSession(token, now).finally(() => readsInFlight.delete(token))
  readsInFlight.set(token, read)
  return read
}

async function readLiveSession(token: string, now: Date): Promise<SessionActorRow | null> {
  const db = getDb()
  const row = await findSessionActor(db, sessionIdFromToken(token))
  if (!row) return null
  const nowMs = now.getTime()
  const idleFor = nowMs - Date.parse(row.lastSeenAt)
  if (Date.parse(row.expiresAt) <= nowMs || idleFor > IDLE_TIMEOUT_MS) {
    await deleteSession(db, row.sessionId)
    return null
  }
  if (idleFor > TOUCH_INTERVAL_MS) await touchSession(db, row.sessionId, now.toISOString())
  return row
}

/** Ends the request's session in the database and returns the Set-Cookie that clears it. */
export async function destroyUserSession(request: Request): Promise<string> {
  const token = await readToken(request)
  if (token) await deleteSession(getDb(), sessionIdFromToken(token))
  return sessionCookie().serialize('', { maxAge: 0 })
}
