import type { LoaderFunctionArgs } from '@remix-run/node'
import { contractExtractResponse } from '~/http/contract-extract-route.server'

/** One window of the contract's data-sharing extract as JSON (issue 21, ADR 0016 §10); every download is audited. */
export const loader = (args: LoaderFunctionArgs) => contractExtractResponse(args, 'center', 'json')
