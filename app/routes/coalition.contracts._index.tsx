import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requireContractParty } from '~/auth/guard.server'
import { listContracts } from '~/services/contracts.server'
import { ContractList } from '~/ui/contract-list'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'

export const meta: MetaFunction = () => [{ title: 'Contracts · Coalition · COE Marketplace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { party } = await requireContractParty(request, 'coalition')
  return { contracts: await listContracts(party) }
}

export default function CoalitionContractsRoute() {
  const { contracts } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>Value-based contracts</h1>
      <p className="lead">
        Contracts the coalition signs with health systems for its member employers: one set of rates and terms, a settlement at coalition level allocated to the members by
        their episodes. <Link to="/coalition/contracts/new">Draft a contract with a health system</Link>
      </p>
      <ContractList contracts={contracts} basePath="/coalition/contracts" otherPartyLabel="Health system" />
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />
}
