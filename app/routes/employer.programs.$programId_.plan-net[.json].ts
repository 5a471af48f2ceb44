import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireEmployerAccess } from '~/auth/guard.server'
import { requireParam } from '~/http/params'
import { exportPlanNetBundle } from '~/services/plan-net-export.server'

/** The program's network as a FHIR R4 Da Vinci Plan-Net bundle (issue 23, ADR 0017): guarded like the program page, audited. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, scope } = await requireEmployerAccess(request, 'program:read')
  const file = await exportPlanNetBundle(actor, scope, requireParam(params, 'programId'), new URL(request.url).origin)
  return new Response(file.body, {
    headers: { 'Content-Type': 'application/fhir+json', 'Content-Disposition': `attachment; filename="${file.fileName}"`, 'Cache-Control': 'private, no-store' },
  })
}
