import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireEmployerAccess } from '~/auth/guard.server'
import { requireParam } from '~/http/params'
import { acknowledgmentFile } from '~/services/eligibility-files.server'

/** The 999 acknowledgment written back for an 834 file (X12 text). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireEmployerAccess(request, 'roster:write')
  const file = await acknowledgmentFile(scope, requireParam(params, 'importId'))
  return new Response(file.body, {
    headers: { 'Content-Type': 'application/edi-x12', 'Content-Disposition': `attachment; filename="${file.fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`, 'Cache-Control': 'private, no-store' },
  })
}
