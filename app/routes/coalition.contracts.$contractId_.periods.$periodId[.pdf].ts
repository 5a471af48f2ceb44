import type { LoaderFunctionArgs } from '@remix-run/node'
import { downloadStatementFile } from '~/http/contract-period-route.server'

/** A period's stored statement as a PDF, with the allocation to the member employers (issue 23). */
export const loader = (args: LoaderFunctionArgs) => downloadStatementFile(args, 'coalition', 'pdf')
