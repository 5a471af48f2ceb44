import { redirect } from '@remix-run/node'

/** 404 as a Response for the route's ErrorBoundary. Out-of-scope rows are "not found" too. */
export function notFound(what = 'Page'): Response {
  return new Response(`${what} not found`, { status: 404, statusText: 'Not Found' })
}

/** 403: the role lacks the permission (not: the row belongs to another tenant, which is 404). */
export function forbidden(permission: string): Response {
  return new Response(`Your role does not allow this (${permission})`, { status: 403, statusText: 'Forbidden' })
}

export function badRequest(message: string): Response {
  return new Response(message, { status: 400, statusText: 'Bad Request' })
}

/** Any C0 or C1 control character, DEL included: browsers drop tabs and newlines from URLs, headers refuse them. */
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/
/** A stand-in origin to resolve a path against; only its being the same matters. */
const SELF = 'https://portal.invalid'

/**
 * Where to send someone after sign-in or a language change (open-redirect guard, issue 18): only
 * a path of this site. It must start with one "/", hold no control character (Chromium strips a
 * tab, so "/\t/host" would become "//host"), and still be a path of the same origin once parsed
 * the way a browser parses it (WHATWG URL); the parsed form is returned, so the Location header
 * carries only what the browser will follow. Anything else gives `fallback`.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/'): string {
  if (typeof to !== 'string' || to.length > 2_048 || !to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\') || CONTROL.test(to)) return fallback
  let url: URL
  try {
    url = new URL(to, SELF)
  } catch {
    return fallback
  }
  const path = `${url.pathname}${url.search}${url.hash}`
  if (url.origin !== SELF || !path.startsWith('/') || path.startsWith('//')) return fallback
  return path
}

export function redirectTo(path: string, init?: ResponseInit) {
  return redirect(path, init)
}
