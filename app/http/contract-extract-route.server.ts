import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireContractParty } from '~/auth/guard.server'
import { requireParam } from '~/http/params'
import { downloadContractExtract, type ExtractFormat } from '~/services/contract-extracts.server'

type Side = Parameters<typeof requireContractParty>[1]

/** A contract's data-sharing extract of one window as a file download, the same for both sides (each only for its own contracts; audited). */
export async function contractExtractResponse({ request, params }: LoaderFunctionArgs, side: Side, format: ExtractFormat) {
  const { actor, party } = await requireContractParty(request, side)
  const file = await downloadContractExtract(actor, party, requireParam(params, 'contractId'), requireParam(params, 'window'), format)
  return new Response(file.body, {
    headers: { 'Content-Type': file.contentType, 'Content-Disposition': `attachment; filename="${file.fileName}"`, 'Cache-Control': 'private, no-store' },
  })
}
