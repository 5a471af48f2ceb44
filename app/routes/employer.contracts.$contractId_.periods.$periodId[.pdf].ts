import type { LoaderFunctionArgs } from '@remix-run/node'
import { downloadStatementPdf } from '~/http/contract-period-route.server'

/** A period's stored statement as a PDF (the same for both sides). */
export const loader = (args: LoaderFunctionArgs) => downloadStatementPdf(args, 'purchaser')
