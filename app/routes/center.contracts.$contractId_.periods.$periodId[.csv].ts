import type { LoaderFunctionArgs } from '@remix-run/node'
import { downloadStatementFile } from '~/http/contract-period-route.server'

/** A period's statement as CSV (one row per episode, then the totals; the same for both sides), once a job has prepared it (ADR 0029). */
export const loader = (args: LoaderFunctionArgs) => downloadStatementFile(args, 'center', 'csv')
