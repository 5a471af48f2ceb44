import { parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { readForm } from '~/http/form-body.server'
import { redirectWithFlash } from '~/http/flash.server'
import { requirePermission } from '~/auth/guard.server'
import { OfferSchema } from '~/forms/offer'
import { requireParam } from '~/http/params'
import { getOfferForEditing, getOfferFormOptions, getOfferInclusionForPage, saveOffer } from '~/services/center-offers.server'
import { OfferInclusion, lockedReasonOf } from '~/ui/offer-inclusion'
import { OfferForm } from '~/ui/offer-form'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'

export const meta: MetaFunction = () => [{ title: 'Edit offer · Health system · COE Marketplace' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, 'offer:write')
  const offerId = requireParam(params, 'offerId')
  const [offer, options, inclusion] = await Promise.all([getOfferForEditing(actor, offerId), getOfferFormOptions(actor), getOfferInclusionForPage(actor, offerId)])
  return { offer, ...options, inclusion }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, 'offer:write')
  const offerId = requireParam(params, 'offerId')
  await getOfferForEditing(actor, offerId)
  const submission = parseWithZod(await readForm(request), { schema: OfferSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const result = await saveOffer(actor, offerId, submission.value)
  if (!result.ok) return data(submission.reply({ fieldErrors: result.fieldErrors }), { status: 422 })
  return redirectWithFlash('/center', `offer-saved:${result.offerId}`)
}

export default function EditOfferRoute() {
  const { offer, facilities, procedures, inclusion } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  return (
    <>
      <h1>Edit bundled offer</h1>
      <OfferInclusion {...inclusion} />
      <OfferForm
        defaultValue={offer} facilities={facilities} procedures={procedures} lastResult={lastResult} submitLabel="Save offer"
        lockedReason={lockedReasonOf(inclusion)} isIncluded={inclusion.programs.length + inclusion.contracts.length > 0}
      />
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary notFound="This offer doesn't exist or isn't one of your health system's." />
}
