import type { Params } from '@remix-run/react'

/** A route parameter that the route file guarantees; a missing one is a 404. */
export function requireParam(params: Params, name: string): string {
  const value = params[name]
  if (!value) throw new Response(`Missing ${name}`, { status: 404, statusText: 'Not Found' })
  return value
}
