import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData } from '@remix-run/react'
import { readForm } from '~/http/form-body.server'
import { requirePermission } from '~/auth/guard.server'
import { ProcedureSchema } from '~/forms/procedure'
import { saveProcedure } from '~/services/catalog-admin.server'
import { ProcedureForm } from '~/ui/procedure-form'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'

export const meta: MetaFunction = () => [{ title: 'New procedure · Platform admin · COE Marketplace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'catalog:write')
  return null
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requirePermission(request, 'catalog:write')
  const submission = parseWithZod(await readForm(request), { schema: ProcedureSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const result = await saveProcedure(actor, null, submission.value)
  if (!result.ok) return data(submission.reply({ fieldErrors: result.fieldErrors }), { status: 422 })
  return redirect('/admin/procedures')
}

export default function NewProcedureRoute() {
  const lastResult = useActionData<typeof action>()
  return (
    <>
      <h1>New procedure</h1>
      <ProcedureForm lastResult={lastResult} submitLabel="Add to catalog" />
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />
}
