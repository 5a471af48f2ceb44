import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requireContractParty } from '~/auth/guard.server'
import { listContracts } from '~/services/contracts.server'
import { ContractList } from '~/ui/contract-list'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'

export const meta: MetaFunction = () => [{ title: 'Contracts · Employer · COE Marketplace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { party } = await requireContractParty(request, 'purchaser')
  return { contracts: await listContracts(party) }
}

export default function EmployerContractsRoute() {
  const { contracts } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>Value-based contracts</h1>
      <p className="lead">
        Contracts with the health systems of your programs: bundle rates, warranty, benchmarks, quality goals and shared savings, signed by both sides.{' '}
        <Link to="/employer/contracts/new">Draft a contract from a program</Link>
      </p>
      <p>
        A member of a coalition? Your share of its contracts&apos; settlements is under <Link to="/employer/coalition-settlements">Coalition settlements</Link>.
      </p>
      <ContractList contracts={contracts} basePath="/employer/contracts" otherPartyLabel="Health system" />
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />
}
