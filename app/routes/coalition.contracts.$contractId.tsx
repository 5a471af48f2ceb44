import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { actOnContractPage, loadContractPage } from '~/http/contract-route.server'
import { ContractPage } from '~/ui/contract-page'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.contract.title ?? 'Contract'} · Contracts · Coalition · COE Marketplace` }]

export const loader = (args: LoaderFunctionArgs) => loadContractPage(args, 'coalition')
export const action = (args: ActionFunctionArgs) => actOnContractPage(args, 'coalition')

export default function CoalitionContractRoute() {
  const view = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return <ContractPage data={view} actionData={actionData} />
}

export function ErrorBoundary() {
  return <RouteErrorBoundary notFound="This contract doesn't exist or isn't one of your coalition's." />
}
