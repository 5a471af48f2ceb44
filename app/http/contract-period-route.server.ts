import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { requireContractParty } from '~/auth/guard.server'
import { PeriodIntentSchema } from '~/forms/contract'
import { readForm } from '~/http/form-body.server'
import { readFlash, redirectWithFlash } from '~/http/flash.server'
import { requireParam } from '~/http/params'
import { closeContractPeriod, getPeriodPage, requireVisiblePeriod, settleContractStatement } from '~/services/contract-periods.server'
import { prepareStatementFile, preparedStatementFile, statementFilesView, type StatementFormat } from '~/services/statement-files.server'

/*
 * A contract's reconciliation period and its statement (issue 21), the same for both sides: one
 * loader, one action (close the period, settle the statement, prepare its PDF or CSV) and the
 * downloads of the prepared files (issue 24, ADR 0029: made by a job, stored, served by any
 * server). Each side sees only periods of contracts its organization is a party to (404 otherwise).
 */

type Side = Parameters<typeof requireContractParty>[1]
const BASE: Record<Side, string> = { purchaser: '/employer/contracts', coalition: '/coalition/contracts', center: '/center/contracts' }

const idsOf = (params: LoaderFunctionArgs['params']) => ({ contractId: requireParam(params, 'contractId'), periodId: requireParam(params, 'periodId') })

/** The period page's loader: the period, when it can close, and its stored statement (one page of episodes). */
export async function loadPeriodPage({ request, params }: LoaderFunctionArgs, side: Side) {
  const { party } = await requireContractParty(request, side)
  const { contractId, periodId } = idsOf(params)
  const view = await getPeriodPage(party, contractId, periodId, new URL(request.url).searchParams.get('page'))
  const files = view.statement ? await statementFilesView({ contractId: view.contract.id, id: view.statement.id, settledAt: view.statement.settlement.settledAt }) : null
  const { note, headers } = await readFlash(request)
  return data({ ...view, files, basePath: `${BASE[side]}/${contractId}`, note }, { headers })
}

/** The period page's action: close the period (and reconcile it), settle its statement, or prepare its PDF or CSV. */
export async function actOnPeriodPage({ request, params }: ActionFunctionArgs, side: Side) {
  const { actor, party } = await requireContractParty(request, side)
  const { contractId, periodId } = idsOf(params)
  await requireVisiblePeriod(party, contractId, periodId)
  const intent = PeriodIntentSchema.safeParse((await readForm(request)).get('intent'))
  if (!intent.success) return data({ error: intent.error.issues[0]!.message }, { status: 400 })
  if (intent.data === 'prepare-pdf' || intent.data === 'prepare-csv') {
    await prepareStatementFile(actor, party, contractId, periodId, intent.data === 'prepare-pdf' ? 'pdf' : 'csv')
    return redirectWithFlash(`${BASE[side]}/${contractId}/periods/${periodId}#files`, 'statement-file-requested')
  }
  const result = intent.data === 'close' ? await closeContractPeriod(actor, party, contractId, periodId) : await settleContractStatement(actor, party, contractId, periodId)
  if (!result.ok) return data({ error: result.formError }, { status: 422 })
  return redirectWithFlash(`${BASE[side]}/${contractId}/periods/${periodId}`, result.note)
}

/**
 * A prepared statement file (PDF or CSV) as a download, from the database, whichever server made
 * it. Not prepared yet (or expired): back to the period page, which offers to prepare it.
 */
export async function downloadStatementFile({ request, params }: LoaderFunctionArgs, side: Side, format: StatementFormat) {
  const { party } = await requireContractParty(request, side)
  const { contractId, periodId } = idsOf(params)
  const file = await preparedStatementFile(party, contractId, periodId, format)
  if (!file) return redirectWithFlash(`${BASE[side]}/${contractId}/periods/${periodId}#files`, 'statement-file-missing')
  return new Response(new Uint8Array(file.content), {
    headers: { 'Content-Type': file.contentType, 'Content-Disposition': `attachment; filename="${file.fileName}"`, 'Cache-Control': 'private, no-store' },
  })
}
