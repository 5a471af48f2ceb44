import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { requireContractParty } from '~/auth/guard.server'
import { ContractIntentSchema } from '~/forms/contract'
import { formValuesOf } from '~/forms/contract-terms'
import { readForm } from '~/http/form-body.server'
import { readFlash, redirectWithFlash } from '~/http/flash.server'
import { requireParam } from '~/http/params'
import { getContractView, performContractAction, requireVisibleContract } from '~/services/contracts.server'
import { ContractPage } from '~/ui/contract-page'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.contract.title ?? 'Contract'} · Contracts · Health system · COE Marketplace` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { party } = await requireContractParty(request, 'center')
  const view = await getContractView(party, requireParam(params, 'contractId'))
  const { note, headers } = await readFlash(request)
  return data({ ...view, note }, { headers })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, party } = await requireContractParty(request, 'center')
  const contractId = requireParam(params, 'contractId')
  await requireVisibleContract(party, contractId)
  const values = formValuesOf(await readForm(request))
  const intent = ContractIntentSchema.safeParse(values.intent?.[0])
  if (!intent.success) return data({ error: { '': [intent.error.issues[0]!.message] } }, { status: 400 })
  const result = await performContractAction(actor, party, contractId, intent.data, values)
  if (!result.ok) return data({ error: { ...result.fieldErrors, ...(result.formError ? { '': [result.formError] } : {}) }, values: intent.data === 'save' ? values : undefined }, { status: 422 })
  return redirectWithFlash(`/center/contracts/${contractId}`, `contract-${intent.data}`)
}

export default function ContractRoute() {
  const view = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return <ContractPage data={view} actionData={actionData} />
}

export function ErrorBoundary() {
  return <RouteErrorBoundary notFound="This contract doesn't exist or wasn't sent to your health system." />
}
