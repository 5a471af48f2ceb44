import type { LoaderFunctionArgs } from '@remix-run/node'
import { downloadStatementFile } from '~/http/contract-period-route.server'

/** A period's statement as a PDF (the same for both sides), once a job has prepared it (ADR 0029). */
export const loader = (args: LoaderFunctionArgs) => downloadStatementFile(args, 'center', 'pdf')
