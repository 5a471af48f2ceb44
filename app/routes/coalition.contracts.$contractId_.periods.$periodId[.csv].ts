import type { LoaderFunctionArgs } from '@remix-run/node'
import { downloadStatementFile } from '~/http/contract-period-route.server'

/** A period's stored statement as CSV: the episodes, the totals and each member employer's allocated share (issue 23). */
export const loader = (args: LoaderFunctionArgs) => downloadStatementFile(args, 'coalition', 'csv')
