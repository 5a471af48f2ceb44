import { listPlanGroupCodes } from '~/db/repositories/plan-group-codes.server'
import type { Import } from '~/db/schema'
import type { RosterColumn } from '~/domain/roster/roster-row'
import type { X12Location, X12Problem } from '~/domain/roster/x12-834'
import { transactionStatus, write999 } from '~/domain/roster/x12-999'
import { RosterFileError, type RosterSource, type RosterSourceRecord, type SourceContext } from './roster-sources.server'
import { read834File, X12FileError } from './x12-834-reader.server'

/** Where in the 834 a problem is: the loop and the segment with its element (e.g. "loop 2100A, DMG02"), for the row-by-row report. */
function where(location: X12Location): string {
  const element = location.element ? String(location.element).padStart(2, '0') : ''
  return `${location.loop ? `loop ${location.loop}, ` : ''}${location.segmentId}${element}`
}
const asProblem = (problem: X12Problem) => ({ line: problem.location.segmentIndex, column: where(problem.location), reason: problem.reason })

/**
 * An 834 as roster records (issue 17): each subscriber's loops, CSV-shaped, through the same row
 * checks, difference and guard as a roster CSV; "line" is the INS segment's position in the file.
 * A transaction set the 999 rejects applies nothing; a full file (BGN08 4 or RX) ends the members it
 * misses only when every member of it could be read. The 999 is written from the same reading.
 */
export async function open834Source(found: Import, path: string, context: SourceContext): Promise<RosterSource> {
  if (context.precheck) return { fullFile: false, fileProblems: [], records: (async function* () {})(), estimateRows: () => null, close: async () => {} }
  const codes = await listPlanGroupCodes(context.db, { employerId: context.employerId })
  let interchange
  try {
    interchange = await read834File(path, { label: found.fileName, context: { planByGroupCode: new Map(codes.map((c) => [c.codeKey, c.planName])), today: context.today } })
  } catch (error) {
    if (error instanceof X12FileError) throw new RosterFileError(error.message)
    throw error
  }
  const memberProblems = new Set<X12Problem>()
  const records: RosterSourceRecord[] = []
  const fileProblems = interchange.problems.map(asProblem)
  let unreadMembers = interchange.problems.length > 0
  let fullFile = false
  for (const transaction of interchange.transactions) {
    const accepted = transactionStatus(transaction) !== 'R' && interchange.problems.length === 0
    if (transaction.purpose === 'full') fullFile = true
    for (const member of transaction.members) {
      for (const problem of member.problems) memberProblems.add(problem)
      if (!accepted) continue
      records.push({
        line: member.location.segmentIndex,
        values: member.values as Partial<Record<RosterColumn, string>>,
        problems: member.problems.map((p) => ({ column: where(p.location), reason: p.reason })),
      })
    }
    for (const problem of transaction.problems) {
      if (memberProblems.has(problem)) continue
      fileProblems.push(asProblem(problem))
      unreadMembers = true
    }
    if (!accepted && transaction.members.length > 0) {
      fileProblems.push({ line: 1, column: `ST ${transaction.controlNumber}`, reason: `transaction set ${transaction.controlNumber} is rejected (see its problems and the 999): ${transaction.members.length === 1 ? 'its one member was not applied' : `none of its ${transaction.members.length} members were applied`}` })
    }
  }
  if (fullFile && unreadMembers) {
    fileProblems.push({ line: 1, column: 'BGN08', reason: 'this full file has members that could not be read, so members missing from it are not ended: fix the file and send it again' })
    fullFile = false
  }
  const controlNumber = String(Date.parse(found.createdAt) % 1_000_000_000).padStart(9, '0')
  return {
    fullFile,
    fileProblems,
    records: (async function* () {
      yield* records
    })(),
    estimateRows: () => records.length,
    acknowledgment: () => write999(interchange, { controlNumber, date: new Date() }),
    close: async () => {},
  }
}
