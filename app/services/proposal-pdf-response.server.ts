import type { ProposalSnapshot } from '~/domain/proposals/proposal'
import { renderProposalPdf } from './proposal-pdf.server'

/** A PDF as a download, its file name made from `title` (letters, digits, spaces and dashes only). */
export function pdfDownload(pdf: Buffer, title: string, fallbackName: string): Response {
  const fileName = `${title.replace(/[^\w -]+/g, '').replace(/\s+/g, '-').slice(0, 80) || fallbackName}.pdf`
  return new Response(new Uint8Array(pdf), {
    headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': `attachment; filename="${fileName}"`, 'Cache-Control': 'private, no-store' },
  })
}

/** A download response for a proposal's PDF, named after its title. */
export async function pdfResponse(snapshot: ProposalSnapshot): Promise<Response> {
  return pdfDownload(await renderProposalPdf(snapshot), snapshot.title, 'proposal')
}
