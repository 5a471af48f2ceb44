import { randomBytes } from 'node:crypto'
import { getEnv } from '~/env.server'

const MAPBOX_HOSTS = ['https://api.mapbox.com', 'https://*.tiles.mapbox.com', 'https://events.mapbox.com']
const STRIPE_CHECKOUT = 'https://checkout.stripe.com'

/** A fresh nonce for one document's inline scripts. */
export function newCspNonce(): string {
  return randomBytes(16).toString('base64')
}

/**
 * The document policy (DESIGN §8, ADR 0011): scripts only from us or carrying this response's
 * nonce; the maps' workers from us or blob: (maplibre's module worker, mapbox-gl's blob worker);
 * Mapbox hosts only when a token is configured; forms may post only to us and redirect to
 * Stripe Checkout (or the local Stripe-compatible server of tests).
 */
export function contentSecurityPolicy(nonce: string): string {
  const env = getEnv()
  const mapbox = env.MAPBOX_ACCESS_TOKEN ? MAPBOX_HOSTS : []
  const checkout = [STRIPE_CHECKOUT, ...(env.STRIPE_API_BASE ? [new URL(env.STRIPE_API_BASE).origin] : [])]
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    // React and the map libraries set style attributes; stylesheets come only from us.
    "style-src 'self' 'unsafe-inline'",
    ["img-src 'self' data: blob:", ...mapbox].join(' '),
    "font-src 'self'",
    ["connect-src 'self'", ...mapbox].join(' '),
    "worker-src 'self' blob:",
    "child-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    ["form-action 'self'", ...checkout].join(' '),
    "frame-ancestors 'none'",
  ].join('; ')
}

/** Headers on every document and data response (DESIGN §8); documents also get the CSP. */
export function applySecurityHeaders(headers: Headers, options: { nonce?: string; https?: boolean } = {}): void {
  headers.set('X-Content-Type-Options', 'nosniff')
  headers.set('X-Frame-Options', 'DENY')
  headers.set('Referrer-Policy', 'same-origin')
  headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(self)')
  headers.set('Cross-Origin-Opener-Policy', 'same-origin')
  headers.set('Content-Security-Policy', options.nonce ? contentSecurityPolicy(options.nonce) : "default-src 'none'; frame-ancestors 'none'")
  if (options.https) headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains')
}
