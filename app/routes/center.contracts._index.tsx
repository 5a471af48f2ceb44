import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { requireContractParty } from '~/auth/guard.server'
import { listContracts } from '~/services/contracts.server'
import { ContractList } from '~/ui/contract-list'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'

export const meta: MetaFunction = () => [{ title: 'Contracts · Health system · COE Marketplace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { party } = await requireContractParty(request, 'center')
  return { contracts: await listContracts(party) }
}

export default function CenterContractsRoute() {
  const { contracts } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>Value-based contracts</h1>
      <p className="lead">Contracts employers sent you: change the terms and send them back, or sign.</p>
      <ContractList contracts={contracts} basePath="/center/contracts" otherPartyLabel="Purchaser" />
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />
}
