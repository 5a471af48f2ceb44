import { parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData } from '@remix-run/react'
import { readForm } from '~/http/form-body.server'
import { redirectWithFlash } from '~/http/flash.server'
import { requireEmployerAccess } from '~/auth/guard.server'
import { HealthPlanSchema } from '~/forms/health-plan'
import { createHealthPlan } from '~/services/health-plans.server'
import { HealthPlanForm } from '~/ui/health-plan-form'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'

export const meta: MetaFunction = () => [{ title: 'Add a health plan · Employer · COE Marketplace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireEmployerAccess(request, 'plan:write')
  return null
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, scope } = await requireEmployerAccess(request, 'plan:write')
  const submission = parseWithZod(await readForm(request), { schema: HealthPlanSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const result = await createHealthPlan(actor, scope, submission.value)
  if (!result.ok) return data(submission.reply({ fieldErrors: result.fieldErrors }), { status: 422 })
  return redirectWithFlash('/employer/plans', `plan-added:${result.planId}`)
}

export default function NewHealthPlanRoute() {
  const lastResult = useActionData<typeof action>()
  return (
    <>
      <h1>Add a health plan</h1>
      <HealthPlanForm lastResult={lastResult} submitLabel="Add plan" />
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />
}
