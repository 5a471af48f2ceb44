import type { LoaderFunctionArgs } from '@remix-run/node'
import { contractExtractResponse } from '~/http/contract-extract-route.server'

/** One window of a coalition contract's data-sharing extract as a FHIR R4 Bundle (the member employers' episodes; ADR 0019); every download is audited. */
export const loader = (args: LoaderFunctionArgs) => contractExtractResponse(args, 'coalition', 'fhir')
