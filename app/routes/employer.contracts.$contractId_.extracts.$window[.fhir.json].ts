import type { LoaderFunctionArgs } from '@remix-run/node'
import { contractExtractResponse } from '~/http/contract-extract-route.server'

/** One window of the contract's data-sharing extract as a FHIR R4 Bundle (issue 23, ADR 0019); every download is audited. */
export const loader = (args: LoaderFunctionArgs) => contractExtractResponse(args, 'purchaser', 'fhir')
