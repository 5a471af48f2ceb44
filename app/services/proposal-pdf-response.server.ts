import type { ProposalSnapshot } from '~/domain/proposals/proposal'
import { renderProposalPdf } from './proposal-pdf.server'

/** A download response for a proposal's PDF, named after its title. */
export async function pdfResponse(snapshot: ProposalSnapshot): Promise<Response> {
  const pdf = await renderProposalPdf(snapshot)
  const fileName = `${snapshot.title.replace(/[^\w -]+/g, '').replace(/\s+/g, '-').slice(0, 80) || 'proposal'}.pdf`
  return new Response(new Uint8Array(pdf), {
    headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': `attachment; filename="${fileName}"`, 'Cache-Control': 'private, no-store' },
  })
}
