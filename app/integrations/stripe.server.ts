import Stripe from 'stripe'
import { getEnv } from '~/env.server'

let client: { key: string; stripe: Stripe } | undefined

/**
 * The Stripe SDK when `STRIPE_SECRET_KEY` is set, or null (the portal then keeps its own ledger,
 * DESIGN §9). `STRIPE_API_BASE` points the SDK at a Stripe-compatible server (tests, no internet).
 */
export function getStripe(): Stripe | null {
  const env = getEnv()
  if (!env.STRIPE_SECRET_KEY) return null
  if (client?.key === env.STRIPE_SECRET_KEY) return client.stripe
  const base = env.STRIPE_API_BASE ? new URL(env.STRIPE_API_BASE) : null
  const stripe = new Stripe(env.STRIPE_SECRET_KEY, {
    maxNetworkRetries: 1,
    timeout: 10_000,
    ...(base ? { host: base.hostname, port: Number(base.port || (base.protocol === 'https:' ? 443 : 80)), protocol: base.protocol.replace(':', '') as 'http' | 'https' } : {}),
  })
  client = { key: env.STRIPE_SECRET_KEY, stripe }
  return stripe
}

/** Verifies a webhook's signature on the raw body and parses it; throws on a bad or missing signature. */
export function verifyWebhook(rawBody: string, signature: string | null): Stripe.Event {
  const { STRIPE_WEBHOOK_SECRET } = getEnv()
  if (!STRIPE_WEBHOOK_SECRET) throw new Error('STRIPE_WEBHOOK_SECRET is not set')
  if (!signature) throw new Error('No Stripe-Signature header')
  // constructEvent only checks the signature and parses: it needs no API key or network.
  return Stripe.webhooks.constructEvent(rawBody, signature, STRIPE_WEBHOOK_SECRET)
}
