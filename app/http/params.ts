import type { Params } from '@remix-run/react'
import { hasControlCharacter } from '~/domain/text'

/** Longer than any id the app makes (UUIDs, catalog codes); such a value names nothing. */
const MAX_PARAM_LENGTH = 200

/**
 * A route parameter that the route file guarantees; a missing one is a 404, and so is one that
 * cannot name a row (control characters such as NUL, or absurdly long), before any query runs.
 */
export function requireParam(params: Params, name: string): string {
  const value = params[name]
  if (!value || value.length > MAX_PARAM_LENGTH || hasControlCharacter(value)) throw new Response(`Missing ${name}`, { status: 404, statusText: 'Not Found' })
  return value
}
