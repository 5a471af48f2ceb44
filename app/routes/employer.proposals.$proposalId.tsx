import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { requireEmployerAccess } from '~/auth/guard.server'
import { requireParam } from '~/http/params'
import { adoptProposal, getClientProposal } from '~/services/proposals.server'
import { formatDate } from '~/ui/format'
import { ProposalDocument } from '~/ui/proposal-view'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.snapshot.title ?? 'Proposal'} · COE Marketplace` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireEmployerAccess(request, 'program:read')
  return getClientProposal(scope, requireParam(params, 'proposalId'))
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, scope } = await requireEmployerAccess(request, 'program:write')
  const result = await adoptProposal(actor, scope, requireParam(params, 'proposalId'))
  return redirect(result.programId ? `/employer/programs/${result.programId}` : '/employer/proposals')
}

export default function ClientProposalRoute() {
  const { id, adoptedAt, adoptedProgramId, snapshot, statesPath } = useLoaderData<typeof loader>()
  const navigation = useNavigation()
  const recommended = snapshot.scenarios.find((s) => s.isRecommended)
  return (
    <>
      <p className="breadcrumb">
        <Link to="/employer/proposals">Proposals</Link>
      </p>
      <div className="card no-print">
        {adoptedProgramId ? (
          <p>
            Adopted on {formatDate(adoptedAt)}: <Link to={`/employer/programs/${adoptedProgramId}`}>open the draft program</Link>.
          </p>
        ) : (
          <Form method="post">
            <p>Adopting creates a draft program with the recommended scenario ({recommended?.name}): its procedures, centers and rules. You can change it before publishing.</p>
            <button type="submit" className="button button--primary" disabled={navigation.state === 'submitting'}>
              Adopt “{recommended?.name}” as a draft program
            </button>
          </Form>
        )}
        <p>
          <a className="button" href={`/employer/proposals/${id}.pdf`} download>
            Download PDF
          </a>
        </p>
      </div>
      <ProposalDocument snapshot={snapshot} statesPath={statesPath} />
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary notFound="This proposal doesn't exist or hasn't been shared with you." />
}
