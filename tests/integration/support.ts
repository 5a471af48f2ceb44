import { getOptionalActor } from '~/auth/guard.server'
import type { Actor } from '~/domain/tenancy'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { createUserSession } from '~/auth/session.server'

export const ORIGIN = 'http://localhost:3000'

/** A Cookie header for a fresh session of this user (no password round-trip). */
export async function cookieFor(userId: string): Promise<string> {
  const setCookie = await createUserSession(userId)
  return setCookie.split(';')[0]!
}

export function getRequest(path: string, cookie?: string, headers: Record<string, string> = {}): Request {
  return new Request(`${ORIGIN}${path}`, { headers: { ...headers, ...(cookie ? { Cookie: cookie } : {}) } })
}

export function postRequest(
  path: string,
  form: Record<string, string>,
  options: { cookie?: string; origin?: string | null; headers?: Record<string, string> } = {},
): Request {
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded', ...options.headers }
  if (options.cookie) headers.Cookie = options.cookie
  if (options.origin !== null) headers.Origin = options.origin ?? ORIGIN
  return new Request(`${ORIGIN}${path}`, { method: 'POST', headers, body: new URLSearchParams(form).toString() })
}

type Handler<A> = (args: A) => Promise<unknown>

/**
 * Runs a loader or action the way Remix does and returns the HTTP status it produces:
 * a thrown Response (redirect, 404, 403) or a returned one, or 200 for plain data.
 */
export async function statusOf<A extends LoaderFunctionArgs | ActionFunctionArgs>(
  handler: Handler<A>,
  request: Request,
  params: Record<string, string> = {},
): Promise<{ status: number; location: string | null; body: unknown }> {
  try {
    const result = await handler({ request, params, context: {} } as A)
    if (result instanceof Response) return { status: result.status, location: result.headers.get('Location'), body: null }
    if (result && typeof result === 'object' && 'type' in result && (result as { type: unknown }).type === 'DataWithResponseInit') {
      const wrapped = result as unknown as { data: unknown; init: { status?: number } | null }
      return { status: wrapped.init?.status ?? 200, location: null, body: wrapped.data }
    }
    return { status: 200, location: null, body: result }
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, location: thrown.headers.get('Location'), body: null }
    throw thrown
  }
}

/** A loader's data (status 200), or the status and text of the Response it threw (a 400 with its sentence). */
export async function loadOrRefusal(loader: (args: never) => unknown, path: string, cookie: string) {
  try {
    return { status: 200, data: (await loader({ request: getRequest(path, cookie), params: {}, context: {} } as never)) as Record<string, unknown>, text: '' }
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, data: null, text: await thrown.text() }
    throw thrown
  }
}

/** The signed-in Actor of a user, as the guard builds it from a session cookie (for calling services directly). */
export async function actorOf(userId: string): Promise<Actor> {
  const actor = await getOptionalActor(getRequest('/', await cookieFor(userId)))
  if (!actor) throw new Error(`no session for ${userId}`)
  return actor
}
