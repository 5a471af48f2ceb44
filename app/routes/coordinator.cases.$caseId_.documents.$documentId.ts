import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { requirePermission } from '~/auth/guard.server'
import { readForm } from '~/http/form-body.server'
import { badRequest } from '~/http/responses.server'
import { requireParam } from '~/http/params'
import { downloadDocumentForCoordinator, removeCaseDocument } from '~/services/case-documents.server'

/** A case document for the care team: download (audited). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, 'case:manage')
  return downloadDocumentForCoordinator(actor, requireParam(params, 'caseId'), requireParam(params, 'documentId'))
}

/** Deletes the document (audited), then back to the case. */
export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, 'case:manage')
  const caseId = requireParam(params, 'caseId')
  const form = await readForm(request)
  if (form.get('intent') !== 'delete') throw badRequest('Unknown action: the only one here is delete.')
  await removeCaseDocument(actor, caseId, requireParam(params, 'documentId'))
  return redirect(`/coordinator/cases/${caseId}#documents`)
}
