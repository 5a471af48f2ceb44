import { parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { readForm } from '~/http/form-body.server'
import { redirectWithFlash } from '~/http/flash.server'
import { requirePermission } from '~/auth/guard.server'
import { OfferSchema } from '~/forms/offer'
import { getOfferFormOptions, saveOffer } from '~/services/center-offers.server'
import { OfferForm } from '~/ui/offer-form'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'

export const meta: MetaFunction = () => [{ title: 'New offer · Health system · COE Marketplace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, 'offer:write')
  return getOfferFormOptions(actor)
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requirePermission(request, 'offer:write')
  const submission = parseWithZod(await readForm(request), { schema: OfferSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const result = await saveOffer(actor, null, submission.value)
  if (!result.ok) return data(submission.reply({ fieldErrors: result.fieldErrors }), { status: 422 })
  return redirectWithFlash('/center', `offer-added:${result.offerId}`)
}

export default function NewOfferRoute() {
  const { facilities, procedures } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  return (
    <>
      <h1>New bundled offer</h1>
      <OfferForm facilities={facilities} procedures={procedures} lastResult={lastResult} submitLabel="Publish offer" />
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />
}
