import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requirePermission } from '~/auth/guard.server'
import { getPlatformOverview } from '~/services/platform-overview.server'
import { formatCount } from '~/ui/format'
import { Stat, StatGrid } from '~/ui/primitives/stat'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'

export const meta: MetaFunction = () => [{ title: 'Overview · Platform admin · COE Marketplace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'catalog:write')
  return getPlatformOverview()
}

const KIND_LABEL: Record<string, string> = { employer: 'Employers', broker: 'Broker firms', health_system: 'Health systems', coalition: 'Coalitions', platform: 'Platform' }

export default function AdminOverviewRoute() {
  const { counts, procedureCount } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>Marketplace overview</h1>
      <StatGrid label="Marketplace figures">
        <Stat label="Facilities" value={formatCount(counts.facilities)} />
        <Stat label="Active offers" value={formatCount(counts.activeOffers)} />
        <Stat label="Procedures" value={procedureCount} hint={<Link to="/admin/procedures">Catalog</Link>} />
        {counts.organizationsByKind.map((row) => (
          <Stat key={row.kind} label={KIND_LABEL[row.kind] ?? row.kind} value={row.count} />
        ))}
      </StatGrid>
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />
}
