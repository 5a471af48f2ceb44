import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireEmployerAccess } from '~/auth/guard.server'
import { requireParam } from '~/http/params'
import { pdfResponse } from '~/services/proposal-pdf-response.server'
import { getBrokerProposal } from '~/services/scenarios.server'

/** The proposal as a PDF made on the server (pdfkit). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, scope } = await requireEmployerAccess(request, 'client:read', requireParam(params, 'employerId'))
  const proposal = await getBrokerProposal(actor, scope, requireParam(params, 'proposalId'))
  return pdfResponse(proposal.snapshot)
}
