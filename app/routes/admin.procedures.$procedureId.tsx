import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { readForm } from '~/http/form-body.server'
import { requirePermission } from '~/auth/guard.server'
import { ProcedureSchema } from '~/forms/procedure'
import { requireParam } from '~/http/params'
import { getProcedureForEditing, saveProcedure } from '~/services/catalog-admin.server'
import { ProcedureForm } from '~/ui/procedure-form'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.procedure.name ?? 'Procedure'} · Procedure catalog · COE Marketplace` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'catalog:write')
  return { procedure: await getProcedureForEditing(requireParam(params, 'procedureId')) }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, 'catalog:write')
  const submission = parseWithZod(await readForm(request), { schema: ProcedureSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const result = await saveProcedure(actor, requireParam(params, 'procedureId'), submission.value)
  if (!result.ok) return data(submission.reply({ fieldErrors: result.fieldErrors }), { status: 422 })
  return redirect('/admin/procedures')
}

export default function EditProcedureRoute() {
  const { procedure } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  return (
    <>
      <h1>{procedure.name}</h1>
      <ProcedureForm defaultValue={procedure} lastResult={lastResult} submitLabel="Save procedure" />
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary notFound="This procedure is not in the catalog." />
}
