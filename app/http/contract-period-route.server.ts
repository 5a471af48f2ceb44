import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { requireContractParty } from '~/auth/guard.server'
import { PeriodIntentSchema } from '~/forms/contract'
import { readForm } from '~/http/form-body.server'
import { readFlash, redirectWithFlash } from '~/http/flash.server'
import { requireParam } from '~/http/params'
import { closeContractPeriod, getPeriodPage, requireVisiblePeriod, settleContractStatement, statementCsv, statementPdf } from '~/services/contract-periods.server'

/*
 * A contract's reconciliation period and its statement (issue 21), the same for both sides: one
 * loader, one action (close the period, settle the statement) and the PDF and CSV downloads. Each
 * side sees only periods of contracts its organization is a party to (404 otherwise).
 */

type Side = Parameters<typeof requireContractParty>[1]
const BASE: Record<Side, string> = { purchaser: '/employer/contracts', coalition: '/coalition/contracts', center: '/center/contracts' }

const idsOf = (params: LoaderFunctionArgs['params']) => ({ contractId: requireParam(params, 'contractId'), periodId: requireParam(params, 'periodId') })

/** The period page's loader: the period, when it can close, and its stored statement (one page of episodes). */
export async function loadPeriodPage({ request, params }: LoaderFunctionArgs, side: Side) {
  const { party } = await requireContractParty(request, side)
  const { contractId, periodId } = idsOf(params)
  const view = await getPeriodPage(party, contractId, periodId, new URL(request.url).searchParams.get('page'))
  const { note, headers } = await readFlash(request)
  return data({ ...view, basePath: `${BASE[side]}/${contractId}`, note }, { headers })
}

/** The period page's action: close the period (and reconcile it), or settle its statement. */
export async function actOnPeriodPage({ request, params }: ActionFunctionArgs, side: Side) {
  const { actor, party } = await requireContractParty(request, side)
  const { contractId, periodId } = idsOf(params)
  await requireVisiblePeriod(party, contractId, periodId)
  const intent = PeriodIntentSchema.safeParse((await readForm(request)).get('intent'))
  if (!intent.success) return data({ error: intent.error.issues[0]!.message }, { status: 400 })
  const result = intent.data === 'close' ? await closeContractPeriod(actor, party, contractId, periodId) : await settleContractStatement(actor, party, contractId, periodId)
  if (!result.ok) return data({ error: result.formError }, { status: 422 })
  return redirectWithFlash(`${BASE[side]}/${contractId}/periods/${periodId}`, result.note)
}

/** The statement as a PDF download. */
export async function downloadStatementPdf({ request, params }: LoaderFunctionArgs, side: Side) {
  const { party } = await requireContractParty(request, side)
  const { contractId, periodId } = idsOf(params)
  const { fileName, pdf } = await statementPdf(party, contractId, periodId)
  return new Response(new Uint8Array(pdf), {
    headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': `attachment; filename="${fileName}"`, 'Cache-Control': 'private, no-store' },
  })
}

/** The statement as a CSV download: a row per episode, then the totals. */
export async function downloadStatementCsv({ request, params }: LoaderFunctionArgs, side: Side) {
  const { party } = await requireContractParty(request, side)
  const { contractId, periodId } = idsOf(params)
  const { fileName, csv } = await statementCsv(party, contractId, periodId)
  return new Response(csv, {
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${fileName}"`, 'Cache-Control': 'private, no-store' },
  })
}
