import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireEmployerAccess } from '~/auth/guard.server'
import { chunkedBody } from '~/http/chunked-body.server'
import { prepareInNetworkRatesFile } from '~/services/transparency.server'

/**
 * The employer's Transparency in Coverage in-network rates file (issue 23, ADR 0018), streamed.
 * Refused with 409 and the list of what is missing while any network offer lacks its TIN or NPI.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, scope } = await requireEmployerAccess(request, 'plan:write')
  const file = await prepareInNetworkRatesFile({ id: scope.employerId }, { actor })
  if (!file.ok) {
    const text = `The in-network rates file cannot be published yet; nothing was written:\n${file.reasons.map((reason) => `- ${reason}`).join('\n')}\n`
    return new Response(text, { status: 409, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'private, no-store' } })
  }
  return new Response(chunkedBody(file.chunks), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="${file.fileName}"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
