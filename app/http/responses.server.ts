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

/** Only same-site relative paths; anything else falls back (open-redirect guard). */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/'): string {
  if (typeof to !== 'string' || !to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) return fallback
  return to
}

export function redirectTo(path: string, init?: ResponseInit) {
  return redirect(path, init)
}
