import { z } from 'zod'
import type { Actor, ContractParty } from '~/domain/tenancy'
import { loadStatement, requireStatement, statementCsv, statementPdf } from './contract-periods.server'
import { PermanentJobError } from './job-queue.server'
import { findPreparedFile, preparedFileView, registerFileJob, requestFile, type PreparedFileView } from './prepared-files.server'

/*
 * A period statement's PDF and CSV, made in the background (issue 24, ADR 0029): a statement with
 * thousands of episodes is a long PDF, so the page asks for it, a worker on any server renders it
 * once and stores it, and both sides of the contract download the same stored file. The route's
 * guard (requireContractParty) and `requireStatement` decide who may: the file's owner is the
 * contract, so only its parties reach it.
 */

export const STATEMENT_FILE_KIND = 'statement.file'
export const STATEMENT_FORMATS = ['pdf', 'csv'] as const
export type StatementFormat = (typeof STATEMENT_FORMATS)[number]

const StatementFilePayload = z.object({ contractId: z.string().min(1), periodId: z.string().min(1), format: z.enum(STATEMENT_FORMATS) })
type StatementFilePayload = z.infer<typeof StatementFilePayload>

const ownerKeyOf = (contractId: string) => `contract:${contractId}`

/**
 * One file per statement, format and settlement state: the stored statement never changes, but
 * the PDF and CSV print its settlement, so settling it makes the next request a new file.
 */
const dedupeKeyOf = (row: { id: string; settledAt: string | null }, format: StatementFormat) => `statement-file:${row.id}:${format}:${row.settledAt ?? 'unsettled'}`

registerFileJob<StatementFilePayload>({
  kind: STATEMENT_FILE_KIND,
  parse(payload) {
    const parsed = StatementFilePayload.safeParse(payload)
    if (!parsed.success) throw new PermanentJobError(`not a statement file job: ${JSON.stringify(payload)}`)
    return parsed.data
  },
  ownerKeyOf: (payload) => ownerKeyOf(payload.contractId),
  async make(payload, context) {
    await context.reportProgress({ step: 'reading' })
    const stored = await loadStatement(payload.contractId, payload.periodId, context.db)
    if (!stored) throw new PermanentJobError('this period has no statement')
    await context.reportProgress({ step: 'writing', rows: stored.document.episodeFacts.length })
    if (payload.format === 'csv') {
      const { fileName, csv } = statementCsv(stored)
      return { fileName, contentType: 'text/csv; charset=utf-8', content: csv }
    }
    const { fileName, pdf } = await statementPdf(stored)
    return { fileName, contentType: 'application/pdf', content: pdf }
  },
})

/** Asks for the statement's file in a format (a second ask while it is being made, or once made, is the same job). */
export async function prepareStatementFile(_actor: Actor, party: ContractParty, contractId: string, periodId: string, format: StatementFormat): Promise<void> {
  const { row } = await requireStatement(party, contractId, periodId)
  await requestFile({ kind: STATEMENT_FILE_KIND, dedupeKey: dedupeKeyOf(row, format), ownerKey: ownerKeyOf(row.contractId), payload: { contractId: row.contractId, periodId: row.periodId, format }, reuseDone: true })
}

/** Where the statement's PDF and CSV stand, for the period page (after the page's own party check). */
export async function statementFilesView(statement: { contractId: string; id: string; settledAt: string | null }): Promise<Record<StatementFormat, PreparedFileView>> {
  const [pdf, csv] = await Promise.all(STATEMENT_FORMATS.map((format) => preparedFileView(ownerKeyOf(statement.contractId), dedupeKeyOf(statement, format))))
  return { pdf: pdf!, csv: csv! }
}

/** The stored file for a download, or null while it is not prepared (404 when the party may not see the period or it has no statement). */
export async function preparedStatementFile(party: ContractParty, contractId: string, periodId: string, format: StatementFormat) {
  const { row } = await requireStatement(party, contractId, periodId)
  return (await findPreparedFile(ownerKeyOf(row.contractId), dedupeKeyOf(row, format))) ?? null
}
