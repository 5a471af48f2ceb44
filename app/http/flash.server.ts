import { createCookie, redirect } from '@remix-run/node'
import { getEnv } from '~/env.server'

/**
 * One-time notes after a POST → redirect → GET (STYLE §3: in a flash cookie, not the query
 * string). The note is a short key the page turns into words from its fresh loader data ("Saved:
 * 6 offers in the network"), so the message always shows the state just stored. Signed, httpOnly,
 * read once: the loader that reads it clears it.
 */
let cookie: ReturnType<typeof createCookie> | undefined
function flashCookie() {
  const env = getEnv()
  cookie ??= createCookie('__flash', { httpOnly: true, sameSite: 'lax', path: '/', secure: env.NODE_ENV === 'production', secrets: [env.sessionSecret], maxAge: 60 })
  return cookie
}

const KEY = /^[a-z][a-z0-9-]{0,40}(:[A-Za-z0-9-]{1,64})?$/

/** A redirect that leaves `note` (such as "saved:network" or "saved:plan:<id>") for the next page. */
export async function redirectWithFlash(to: string, note: string, init: ResponseInit = {}) {
  if (!KEY.test(note)) throw new Error(`Not a flash key: ${note}`)
  const headers = new Headers(init.headers)
  headers.append('Set-Cookie', await flashCookie().serialize(note))
  return redirect(to, { ...init, headers })
}

/** The note left for this request, if any, and the headers that clear it (return them with the loader's data). */
export async function readFlash(request: Request): Promise<{ note: string | null; headers: Headers }> {
  const headers = new Headers()
  const value: unknown = await flashCookie().parse(request.headers.get('Cookie'))
  if (typeof value !== 'string') return { note: null, headers }
  headers.append('Set-Cookie', await flashCookie().serialize('', { maxAge: 0 }))
  return { note: KEY.test(value) ? value : null, headers }
}
