import type { LoaderFunctionArgs } from '@remix-run/node'
import { contractExtractResponse } from '~/http/contract-extract-route.server'

/** One window of a coalition contract's data-sharing extract as JSON (the member employers' episodes); every download is audited. */
export const loader = (args: LoaderFunctionArgs) => contractExtractResponse(args, 'coalition', 'json')
