import type { ActionFunctionArgs } from '@remix-run/node'
import { readText } from '~/http/form-body.server'
import { handleStripeWebhook } from '~/services/billing.server'

/** Stripe's events are a few KB; the largest (an invoice with many lines) well under 1 MB. */
const MAX_EVENT_BYTES = 1_000_000

/**
 * Stripe's webhook endpoint (ADR 0007). Stripe's signature over the raw body is the only
 * credential here: the service verifies it before reading anything else (400, nothing changed).
 */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== 'POST') return new Response('Method not allowed', { status: 405, headers: { Allow: 'POST' } })
  const outcome = await handleStripeWebhook(await readText(request, MAX_EVENT_BYTES), request.headers.get('Stripe-Signature'))
  return Response.json({ received: outcome.status === 200, result: outcome.result }, { status: outcome.status })
}

export function loader() {
  return new Response('Method not allowed', { status: 405, headers: { Allow: 'POST' } })
}
