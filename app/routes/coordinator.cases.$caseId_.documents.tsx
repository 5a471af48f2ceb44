import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { requirePermission } from '~/auth/guard.server'
import { MAX_DOCUMENT_BYTES } from '~/domain/cases/document-sniffing'
import { requireParam } from '~/http/params'
import { getDocumentUploadPage, uploadCaseDocument } from '~/services/case-documents.server'
import { receiveInMemoryUpload } from '~/services/upload.server'
import { DocumentUploadForm } from '~/ui/case-documents'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'

export const meta: MetaFunction = () => [{ title: 'Add a document · Case · Care team · COE Marketplace' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'case:manage')
  return getDocumentUploadPage(requireParam(params, 'caseId'))
}

/** The upload, on its own route so that its size limit (5 MB) applies here only. */
export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, 'case:manage')
  const caseId = requireParam(params, 'caseId')
  const upload = await receiveInMemoryUpload(request, 'file', MAX_DOCUMENT_BYTES)
  if (!upload.ok) return data({ fieldErrors: { file: [upload.error] } as Record<string, string[]> }, { status: upload.status })
  const result = await uploadCaseDocument(actor, caseId, { kind: String(upload.fields.get('kind') ?? ''), fileName: upload.fileName, content: upload.content })
  if (!result.ok) return data({ fieldErrors: result.fieldErrors }, { status: 422 })
  return redirect(`/coordinator/cases/${caseId}#documents`)
}

export default function CaseDocumentUploadRoute() {
  const page = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/coordinator/cases/${page.caseId}`}>Back to the case</Link>
      </p>
      <h1>Add a document to the case</h1>
      <p className="lead">{page.documentCount} of 20 documents on this case.</p>
      <section className="card" aria-label="Upload">
        <DocumentUploadForm caseId={page.caseId} errors={actionData?.fieldErrors} />
      </section>
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary notFound="This case doesn't exist." />
}
