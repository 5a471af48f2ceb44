import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireEmployerAccess } from '~/auth/guard.server'
import { requireParam } from '~/http/params'
import { pdfResponse } from '~/services/proposal-pdf-response.server'
import { getClientProposal } from '~/services/proposals.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireEmployerAccess(request, 'program:read')
  const proposal = await getClientProposal(scope, requireParam(params, 'proposalId'))
  return pdfResponse(proposal.snapshot)
}
