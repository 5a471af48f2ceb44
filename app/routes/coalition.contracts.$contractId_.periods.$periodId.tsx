import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { actOnPeriodPage, loadPeriodPage } from '~/http/contract-period-route.server'
import { ContractPeriodPage } from '~/ui/contract-statement'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Period ${data?.period.sequence ?? ''} · ${data?.contract.title ?? 'Contract'} · Contracts · Coalition · COE Marketplace` },
]

export const loader = (args: LoaderFunctionArgs) => loadPeriodPage(args, 'coalition')
export const action = (args: ActionFunctionArgs) => actOnPeriodPage(args, 'coalition')

export default function CoalitionContractPeriodRoute() {
  const view = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return <ContractPeriodPage data={view} error={actionData?.error} />
}

export function ErrorBoundary() {
  return <RouteErrorBoundary notFound="This period doesn't exist or isn't one of your coalition's contracts." />
}
