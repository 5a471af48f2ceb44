import type { LoaderFunctionArgs } from '@remix-run/node'
import { checkHealth } from '~/services/health.server'

/** Public health check for load balancers: 200 once migrations are applied, 503 otherwise. */
export async function loader(_args: LoaderFunctionArgs) {
  const health = await checkHealth()
  return Response.json(health, {
    status: health.status === 'ok' ? 200 : 503,
    headers: { 'Cache-Control': 'no-store' },
  })
}
