import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { requireEmployerAccess } from '~/auth/guard.server'
import { requireParam } from '~/http/params'
import { getBrokerProposal, shareProposal } from '~/services/scenarios.server'
import { formatDate } from '~/ui/format'
import { ProposalDocument } from '~/ui/proposal-view'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.snapshot.title ?? 'Proposal'} · COE Marketplace` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, scope } = await requireEmployerAccess(request, 'client:read', requireParam(params, 'employerId'))
  return { employerId: scope.employerId, ...(await getBrokerProposal(actor, scope, requireParam(params, 'proposalId'))) }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const employerId = requireParam(params, 'employerId')
  const { actor, scope } = await requireEmployerAccess(request, 'scenario:write', employerId)
  const proposalId = requireParam(params, 'proposalId')
  await shareProposal(actor, scope, proposalId)
  return redirect(`/broker/clients/${employerId}/proposals/${proposalId}`)
}

export default function BrokerProposalRoute() {
  const { employerId, id, sharedAt, adoptedAt, snapshot, statesPath } = useLoaderData<typeof loader>()
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/broker/clients/${employerId}`}>{snapshot.clientName}</Link>
      </p>
      <div className="card no-print" role="status">
        {sharedAt ? `Shared with ${snapshot.clientName}'s admins on ${formatDate(sharedAt)}.` : `Not shared yet: ${snapshot.clientName}'s admins cannot see it.`}
        {adoptedAt ? ` Adopted as a draft program on ${formatDate(adoptedAt)}.` : ''}
        <div className="form-actions">
          <a className="button" href={`/broker/clients/${employerId}/proposals/${id}.pdf`} download>
            Download PDF
          </a>
          {sharedAt ? null : (
            <Form method="post">
              <button type="submit" className="button button--primary">
                Share with {snapshot.clientName}
              </button>
            </Form>
          )}
        </div>
      </div>
      <ProposalDocument snapshot={snapshot} statesPath={statesPath} />
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary notFound="This proposal doesn't exist or belongs to another firm." />
}
