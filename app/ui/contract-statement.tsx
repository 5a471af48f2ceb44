import { Form, Link } from '@remix-run/react'
import type { ReconciliationStatement } from '~/domain/contracts/reconciliation'
import {
  measuredText,
  settlementStatusWords,
  type PeriodRef,
  type StatementAllocationLine,
  type StatementEpisodeRow,
  type StatementSettlement,
  type StatementWarrantyCredit,
} from '~/domain/contracts/statement'
import { DIRECTION_LABELS, formatScore, formatTarget } from '~/domain/contracts/terms'
import { formatCents } from '~/domain/money'
import { Pager } from './pager'
import { fileRequestedNote, PreparedFile, useRefreshWhilePreparing, type PreparedFileState } from './prepared-file'
import { useVisitNote } from './use-visit-note'
import { IntentButton } from './primitives/intent-button'
import { TableWrap } from './table-wrap'

/*
 * A reconciliation period and its statement (issue 21, ADR 0016 §8), the same page for both sides
 * of a contract: when the period can close; once closed, the stored statement (never recomputed):
 * the settlement and who pays, totals, each formula step, each goal with its measured value,
 * every episode (100 a page; the PDF and CSV carry all) and the warranty credits.
 */

type PeriodStatus = 'open' | 'closed' | 'reconciled'

export const PERIOD_STATUS_LABELS: Record<PeriodStatus, string> = { open: 'Open', closed: 'Closed', reconciled: 'Reconciled' }

export interface PeriodPageData {
  contract: { id: string; title: string; purchaserName: string; healthSystemName: string }
  period: { id: string; sequence: number; periodStart: string; periodEnd: string; closesOn: string; status: PeriodStatus }
  version: { number: number; termsSha256: string }
  canClose: boolean
  closeNote: string | null
  basePath: string
  note: string | null
  /** The statement's PDF and CSV, made by a job (issue 24); null before the period is closed. */
  files: { pdf: PreparedFileState; csv: PreparedFileState } | null
  statement: null | {
    id: string
    closedAt: string
    inputsSha256: string
    attributedFrom: string
    carriedFrom: PeriodRef[]
    carryWords: string | null
    reconciliation: Omit<ReconciliationStatement, 'episodes'>
    episodes: StatementEpisodeRow[]
    paging: { page: number; pages: number; from: number; to: number; total: number }
    warrantyCredits: StatementWarrantyCredit[]
    warrantyCreditCount: number
    warrantyCreditTotalCents: number
    settlement: StatementSettlement & { words: string; reason: string }
    /** A coalition contract's allocation to its member employers (issue 23); null for an employer's own contract. */
    allocation: StatementAllocationLine[] | null
  }
}

const STATEMENT_FILE_FINISHED = 'The file has finished: its download link, or what went wrong, is below.'
const NOTES: Record<string, string> = {
  'period-closed': 'Period closed and reconciled: the statement below is stored, and both sides see this same statement.',
  'period-already-closed': 'This period was already closed: this is its statement.',
  'statement-settled': 'Settlement recorded.',
  'statement-already-settled': 'This statement was already settled.',
  'statement-file-requested': 'The file is being prepared: its download link appears below when it is ready.',
  'statement-file-missing': 'That file is not prepared yet (or was prepared more than 7 days ago): prepare it below.',
}

export function ContractPeriodPage({ data, error }: { data: PeriodPageData; error: string | undefined }) {
  const { contract, period, statement } = data
  const periodPath = `${data.basePath}/periods/${period.id}`
  const files = [data.files?.pdf, data.files?.csv]
  useRefreshWhilePreparing(files)
  const flash = useVisitNote(data.note)
  const note = flash === 'statement-file-requested' ? fileRequestedNote(files, { preparing: NOTES[flash]!, finished: STATEMENT_FILE_FINISHED }) : flash ? NOTES[flash] : undefined
  return (
    <>
      <p>
        <Link to={data.basePath}>← {contract.title}</Link>
      </p>
      <h1>
        Period {period.sequence}: {period.periodStart} to {period.periodEnd}
      </h1>
      <p className="lead">
        {contract.title} · {contract.purchaserName} and {contract.healthSystemName} · {PERIOD_STATUS_LABELS[period.status]}
      </p>
      <p className="muted">
        Version {data.version.number} · terms fingerprint (SHA-256): <code className="break">{data.version.termsSha256}</code>
      </p>
      {note ? (
        <p role="status" className="save-status">
          {note}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="error-text">
          {error}
        </p>
      ) : null}
      {statement === null ? (
        <section aria-labelledby="close-heading">
          <h2 id="close-heading">Not closed yet</h2>
          <p>
            Either side&apos;s admin closes the period once its end plus the warranty window has passed, so every episode&apos;s warranty has run out; the episodes are then
            attributed, frozen and reconciled, and the statement appears here for both sides.
          </p>
          {data.canClose ? <IntentButton intent="close" isPrimary>{`Close period ${period.sequence} and reconcile`}</IntentButton> : <p>{data.closeNote}</p>}
        </section>
      ) : (
        <Statement statement={statement} files={data.files} contract={contract} periodPath={periodPath} periodSequence={period.sequence} />
      )}
    </>
  )
}

function Statement({
  statement,
  files,
  contract,
  periodPath,
  periodSequence,
}: {
  statement: NonNullable<PeriodPageData['statement']>
  files: PeriodPageData['files']
  contract: PeriodPageData['contract']
  periodPath: string
  periodSequence: number
}) {
  const r = statement.reconciliation
  const { settlement, paging } = statement
  return (
    <>
      <section aria-labelledby="settlement-heading">
        <h2 id="settlement-heading">Settlement</h2>
        <p>
          <strong>{settlement.words}</strong>
        </p>
        <p>{settlement.reason}</p>
        {statement.carryWords ? <p>{statement.carryWords}</p> : null}
        {statement.carriedFrom.length > 0 ? (
          <p>
            Includes the episodes carried forward from {statement.carriedFrom.map((p) => `period ${p.sequence} (${p.periodStart} to ${p.periodEnd})`).join(' and ')}: procedure
            dates from {statement.attributedFrom}.
          </p>
        ) : null}
        <p>{settlementStatusWords(settlement)}</p>
        {settlement.needsSettlement && settlement.settledAt === null ? <IntentButton intent="settle" isPrimary>Settle this statement</IntentButton> : null}
        {files ? (
          <div className="downloads" id="files">
            <PreparedFile file={files.pdf} label="Statement (PDF)" downloadHref={`${periodPath}.pdf`} intent="prepare-pdf" />
            <PreparedFile file={files.csv} label="Episodes and totals (CSV)" downloadHref={`${periodPath}.csv`} intent="prepare-csv" />
          </div>
        ) : null}
        <p className="muted">
          Closed {statement.closedAt.slice(0, 10)} · inputs fingerprint (SHA-256): <code className="break">{statement.inputsSha256}</code>
        </p>
      </section>

      <section aria-labelledby="totals-heading">
        <h2 id="totals-heading">Totals</h2>
        <dl className="facts">
          <div>
            <dt>Episodes</dt>
            <dd>
              {r.episodeCount} (minimum {r.minimumEpisodes})
            </dd>
          </div>
          <div>
            <dt>Total benchmark</dt>
            <dd>{formatCents(r.totalBenchmarkCents)}</dd>
          </div>
          <div>
            <dt>Actual spend</dt>
            <dd>
              {formatCents(r.totalActualSpendCents)}; counted after the outlier cap: {formatCents(r.totalCountedSpendCents)}
            </dd>
          </div>
          <div>
            <dt>Gross savings</dt>
            <dd>{formatCents(r.grossSavingsCents)}</dd>
          </div>
          <div>
            <dt>Composite quality</dt>
            <dd>
              {formatScore(r.compositeScore)} (gate {formatScore(r.qualityGate)}: {r.isGateMet ? 'met' : 'not met'})
            </dd>
          </div>
          <div>
            <dt>Settlement</dt>
            <dd>{formatCents(r.settlementCents)}</dd>
          </div>
        </dl>
      </section>

      {statement.allocation ? <AllocationSection lines={statement.allocation} settlementCents={r.settlementCents} /> : null}

      <section aria-labelledby="steps-heading">
        <h2 id="steps-heading">How the settlement is computed</h2>
        <ol className="formula-steps">
          {r.steps.map((step) => (
            <li key={step.key}>
              <strong>{step.label}:</strong> <span className="formula-steps__calculation">{step.calculation}</span>
              <br />
              <span className="muted">{step.explanation}</span>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="goals-heading">
        <h2 id="goals-heading">Quality goals</h2>
        <TableWrap label="Goals and measured values">
          <table className="table table--figures">
            <thead>
              <tr>
                <th scope="col">Goal</th>
                <th scope="col">Measured</th>
                <th scope="col">Target</th>
                <th scope="col" className="num">
                  Weight
                </th>
                <th scope="col">Result</th>
              </tr>
            </thead>
            <tbody>
              {r.goals.map((goal) => (
                <tr key={goal.measure}>
                  <th scope="row">
                    {goal.label}
                    <p className="muted table__note">{goal.explanation}</p>
                  </th>
                  <td className="nowrap">{measuredText(goal)}</td>
                  <td>
                    <span className="nowrap">{formatTarget(goal.measure, goal.target)}</span> ({DIRECTION_LABELS[goal.direction]})
                  </td>
                  <td className="num">{formatScore(goal.weight)}</td>
                  <td>
                    <span className={`verdict verdict--${goal.isMet ? 'better' : 'worse'}`}>{goal.isMet ? 'Met' : 'Not met'}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </section>

      <section aria-labelledby="episodes-heading">
        <h2 id="episodes-heading">Episodes ({paging.total})</h2>
        <p className="muted">
          A = bundle + travel + incentive + other claims within the warranty window − warranty credits; counted A = min(A, cap); savings = benchmark − counted A.
          {paging.pages > 1 ? ` Showing ${paging.from + 1}–${paging.to} of ${paging.total}; the PDF and CSV list every episode.` : ''}
        </p>
        {statement.episodes.length === 0 ? (
          <p>No episode was attributed to this period.</p>
        ) : (
          <TableWrap label="Attributed episodes">
            <table className="table table--figures">
              <thead>
                <tr>
                  <th scope="col">Case</th>
                  <th scope="col">Procedure</th>
                  <th scope="col">Facility</th>
                  <th scope="col">Procedure date</th>
                  {['Benchmark', 'Bundle', 'Travel', 'Incentive', 'Other claims', 'Warranty credits', 'A', 'Cap', 'Counted A', 'Savings'].map((heading) => (
                    <th key={heading} scope="col" className="num">
                      {heading}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {statement.episodes.map(({ line, facts }) => (
                  <tr key={line.caseId}>
                    <th scope="row">
                      <code className="nowrap">{line.caseId}</code>
                    </th>
                    <td className="nowrap">{line.procedureCode}</td>
                    <td className="wide">{facts.facilityName}</td>
                    <td className="wide">
                      <span className="nowrap">{facts.procedureDate}</span>
                      {facts.originalPeriod.sequence !== periodSequence ? <span className="muted"> · carried from period {facts.originalPeriod.sequence}</span> : null}
                    </td>
                    <td className="num">{formatCents(line.benchmarkCents)}</td>
                    <td className="num">{formatCents(line.bundleCents)}</td>
                    <td className="num">{formatCents(line.travelPaidCents)}</td>
                    <td className="num">{formatCents(line.incentiveCents)}</td>
                    <td className="num">{formatCents(line.otherClaimsCents)}</td>
                    <td className="num">{formatCents(line.warrantyCreditCents)}</td>
                    <td className="num">{formatCents(line.actualSpendCents)}</td>
                    <td className="num">{formatCents(line.outlierCapCents)}</td>
                    <td className="num">
                      {formatCents(line.countedSpendCents)}
                      {line.isTruncated ? <span className="badge">truncated</span> : null}
                    </td>
                    <td className="num">{formatCents(line.savingsCents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
        <Pager
          label="Episode pages"
          previous={paging.page > 1 ? `?page=${paging.page - 1}` : null}
          next={paging.page < paging.pages ? `?page=${paging.page + 1}` : null}
        />
      </section>

      <section aria-labelledby="credits-heading">
        <h2 id="credits-heading">Warranty credits</h2>
        <p>
          {statement.warrantyCreditCount === 0
            ? 'No warranty credit for these episodes.'
            : `${statement.warrantyCreditCount} ${statement.warrantyCreditCount === 1 ? 'credit' : 'credits'} from ${contract.healthSystemName} to ${contract.purchaserName}, ${formatCents(statement.warrantyCreditTotalCents)} in all (counted in each episode's A above).`}
          {statement.warrantyCreditCount > statement.warrantyCredits.length ? ` The first ${statement.warrantyCredits.length} are listed; the PDF lists them all.` : ''}
        </p>
        {statement.warrantyCredits.length > 0 ? (
          <TableWrap label="Warranty credit lines">
            <table className="table table--figures">
              <thead>
                <tr>
                  <th scope="col">Case</th>
                  <th scope="col">Event</th>
                  <th scope="col">Where</th>
                  <th scope="col">Description</th>
                  <th scope="col" className="num">
                    Cost
                  </th>
                  <th scope="col" className="num">
                    Credited
                  </th>
                </tr>
              </thead>
              <tbody>
                {statement.warrantyCredits.map((credit) => (
                  <tr key={credit.eventId}>
                    <th scope="row">
                      <code className="nowrap">{credit.caseId}</code>
                    </th>
                    <td className="nowrap">
                      {credit.kind} on {credit.occurredOn}
                    </td>
                    <td className="wide">{credit.place === 'center' ? 'at the center' : `elsewhere${credit.providerName ? ` (${credit.providerName})` : ''}`}</td>
                    <td className="wide">{credit.description}</td>
                    <td className="num">{formatCents(credit.costCents)}</td>
                    <td className="num">{formatCents(credit.creditedCents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ) : null}
      </section>
    </>
  )
}

/** A period as the contract page lists it. */
export interface PeriodSummary {
  id: string
  sequence: number
  periodStart: string
  periodEnd: string
  closesOn: string
  status: PeriodStatus
  canClose: boolean
  closeHint: string | null
  carriedIntoSequence: number | null
  statement: { settlementCents: number; outcome: string; settledVia: string | null; settlementReference: string | null; settledAt: string | null } | null
}

/** The contract page's "Periods" section: each period, when it can close, a Close button when it can, its statement. */
export function ContractPeriodsSection({ periods, basePath }: { periods: PeriodSummary[]; basePath: string }) {
  return (
    <section aria-labelledby="periods-heading">
      <h2 id="periods-heading">Periods</h2>
      {periods.length === 0 ? (
        <p className="muted">The reconciliation periods start when both sides have signed a version.</p>
      ) : (
        <TableWrap label="Reconciliation periods">
          <table className="table table--figures">
            <thead>
              <tr>
                <th scope="col">Period</th>
                <th scope="col">Dates</th>
                <th scope="col">Status</th>
                <th scope="col">Closing</th>
                <th scope="col">Statement</th>
              </tr>
            </thead>
            <tbody>
              {periods.map((period) => {
                const path = `${basePath}/periods/${period.id}`
                return (
                  <tr key={period.id}>
                    <th scope="row">
                      <Link to={path}>Period {period.sequence}</Link>
                    </th>
                    <td>
                      <span className="nowrap">{period.periodStart}</span> to <span className="nowrap">{period.periodEnd}</span>
                    </td>
                    <td>{PERIOD_STATUS_LABELS[period.status]}</td>
                    <td>
                      {period.status !== 'open' ? (
                        'Closed'
                      ) : period.canClose ? (
                        <Form method="post" action={path} className="inline-form">
                          <input type="hidden" name="intent" value="close" />
                          <button type="submit" className="button">
                            Close period {period.sequence}
                          </button>
                        </Form>
                      ) : (
                        period.closeHint
                      )}
                    </td>
                    <td>
                      {period.statement ? (
                        <Link to={path}>
                          {formatCents(period.statement.settlementCents)}
                          {period.carriedIntoSequence !== null ? `, carried into period ${period.carriedIntoSequence}` : ''}
                          {period.statement.settledAt ? `, settled (${period.statement.settlementReference})` : ''}
                        </Link>
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  )
}

/**
 * A coalition statement's allocation (issue 23, DESIGN §12): the coalition settles with the center,
 * and each member employer's share is in proportion to its episodes, to the cent (largest remainder).
 * Shown to the coalition and the health system; each employer sees only its own line elsewhere.
 */
function AllocationSection({ lines, settlementCents }: { lines: StatementAllocationLine[]; settlementCents: number }) {
  const episodes = lines.reduce((total, line) => total + line.episodes, 0)
  return (
    <section aria-labelledby="allocation-heading">
      <h2 id="allocation-heading">Allocation to member employers</h2>
      <p>
        The coalition settles this statement with the health system. Its settlement is shared among the member employers in proportion to their episodes, to the cent: each
        gets the whole cents of its exact share, and any cent left over goes to the largest remainder. The shares add up to the settlement.
      </p>
      <TableWrap label="Allocation to member employers">
        <table className="table table--figures">
          <thead>
            <tr>
              <th scope="col">Employer</th>
              <th scope="col" className="num">
                Episodes
              </th>
              <th scope="col" className="num">
                Share of the settlement
              </th>
            </tr>
          </thead>
          <tbody>
            {lines.map((line) => (
              <tr key={line.employerId}>
                <th scope="row">{line.employerName}</th>
                <td className="num">{line.episodes}</td>
                <td className="num">{formatCents(line.allocatedCents)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Total</th>
              <td className="num">{episodes}</td>
              <td className="num">{formatCents(settlementCents)}</td>
            </tr>
          </tfoot>
        </table>
      </TableWrap>
    </section>
  )
}
