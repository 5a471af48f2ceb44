import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { requirePermission } from '~/auth/guard.server'
import { parseCareQueueQuery } from '~/forms/care-queue'
import { getCareQueue } from '~/services/care-queue.server'
import { CareQueueFilters, CareQueueStats, CareQueueTable } from '~/ui/care-queue'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'
import { UnreadMessagesBadge } from '~/ui/unread-messages-badge'

export const meta: MetaFunction = () => [{ title: 'Case queue · Care team · COE Marketplace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, 'case:manage')
  return getCareQueue(actor, parseCareQueueQuery(new URL(request.url).searchParams))
}

export default function CareQueueRoute() {
  const { filter, counts, overdueCounts, overdueTotal, cases, total, pages, employers, procedures, coordinators } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>Case queue</h1>
      <CareQueueStats counts={counts} overdueCounts={overdueCounts} overdueTotal={overdueTotal} />
      <CareQueueFilters view={filter} employers={employers} procedures={procedures} coordinators={coordinators} />
      <CareQueueTable view={filter} rows={cases} total={total} pages={pages} extraColumns={[{ header: 'Messages', cell: (row) => <UnreadMessagesBadge count={row.unreadMessages} /> }]} />
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />
}
