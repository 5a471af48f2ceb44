import { parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { readForm } from '~/http/form-body.server'
import { redirectWithFlash } from '~/http/flash.server'
import { requireEmployerAccess } from '~/auth/guard.server'
import { HealthPlanSchema } from '~/forms/health-plan'
import { requireParam } from '~/http/params'
import { getPlanForEditing, saveHealthPlan } from '~/services/health-plans.server'
import { HealthPlanForm } from '~/ui/health-plan-form'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.plan.name ?? 'Health plan'} · Health plans · COE Marketplace` },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireEmployerAccess(request, 'plan:write')
  return { plan: await getPlanForEditing(scope, requireParam(params, 'planId')) }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, scope } = await requireEmployerAccess(request, 'plan:write')
  const planId = requireParam(params, 'planId')
  const submission = parseWithZod(await readForm(request), { schema: HealthPlanSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const result = await saveHealthPlan(actor, scope, planId, submission.value)
  if (!result.ok) return data(submission.reply({ fieldErrors: result.fieldErrors }), { status: 422 })
  return redirectWithFlash('/employer/plans', `plan-saved:${result.planId}`)
}

export default function EditHealthPlanRoute() {
  const { plan } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  return (
    <>
      <h1>{plan.name}</h1>
      <HealthPlanForm defaultValue={plan} lastResult={lastResult} submitLabel="Save plan" />
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary notFound="This health plan doesn't exist or isn't part of your organization." />
}
