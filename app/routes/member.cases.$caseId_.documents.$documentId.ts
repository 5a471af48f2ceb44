import type { LoaderFunctionArgs } from '@remix-run/node'
import { requirePermission } from '~/auth/guard.server'
import { requireParam } from '~/http/params'
import { downloadMyCaseDocument } from '~/services/case-documents.server'

/** A document of the member's own case (audited); anybody else's is a 404. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, 'member:self')
  return downloadMyCaseDocument(actor, requireParam(params, 'caseId'), requireParam(params, 'documentId'))
}
