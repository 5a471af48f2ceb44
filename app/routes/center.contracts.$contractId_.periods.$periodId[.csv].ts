import type { LoaderFunctionArgs } from '@remix-run/node'
import { downloadStatementCsv } from '~/http/contract-period-route.server'

/** A period's stored statement as CSV: one row per episode, then the totals (the same for both sides). */
export const loader = (args: LoaderFunctionArgs) => downloadStatementCsv(args, 'center')
