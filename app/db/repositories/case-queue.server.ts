import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely'
import type { CaseStatus, Database } from '~/db/schema'
import { OPEN_CASE_STATUSES } from './care.server'

/** Per status with a promise: cases that entered it before `cutoff` are overdue (response-promise.ts). */
export interface StatusCutoff {
  status: CaseStatus
  cutoff: string
}

/** Per status with a promise: the due date of a case that entered it before `before` (runs in start order). */
export interface DueRun {
  status: CaseStatus
  before: string
  due: string
}

export const QUEUE_SORTS = ['requested', 'age', 'due', 'member', 'employer', 'procedure', 'center', 'status', 'assignee'] as const
export type QueueSort = (typeof QUEUE_SORTS)[number]

export interface CaseQueueQuery {
  status: CaseStatus | 'open' | 'all'
  employerId: string | null
  procedureId: string | null
  /** undefined: anyone; null: unassigned; a user id: that user's cases. */
  assigneeUserId: string | null | undefined
  overdueOnly: boolean
  cutoffs: readonly StatusCutoff[]
}

function overdueCondition(eb: ExpressionBuilder<Database, 'cases'>, cutoffs: readonly StatusCutoff[]): Expression<SqlBool> {
  if (cutoffs.length === 0) return sql<SqlBool>`1 = 0`
  return eb.or(cutoffs.map((c) => eb.and([eb('cases.status', '=', c.status), eb('cases.statusChangedAt', '<', c.cutoff)])))
}

function filtered(db: Kysely<Database>, q: CaseQueueQuery) {
  let query = db.selectFrom('cases')
  if (q.status === 'open') query = query.where('cases.status', 'in', OPEN_CASE_STATUSES)
  else if (q.status !== 'all') query = query.where('cases.status', '=', q.status)
  if (q.employerId) query = query.where('cases.employerId', '=', q.employerId)
  if (q.procedureId) query = query.where('cases.procedureId', '=', q.procedureId)
  if (q.assigneeUserId === null) query = query.where('cases.assigneeUserId', 'is', null)
  else if (q.assigneeUserId !== undefined) query = query.where('cases.assigneeUserId', '=', q.assigneeUserId)
  if (q.overdueOnly) query = query.where((eb) => overdueCondition(eb, q.cutoffs))
  return query
}

/**
 * The due date of each row as a CASE over the runs (null: a status without a promise). The runs are
 * dates and statuses the service computed (never user input), written as literals so a year of runs
 * stays far from the databases' parameter limits.
 */
function dueExpression(runs: readonly DueRun[]) {
  if (runs.length === 0) return sql<string | null>`cast(null as text)`
  const branches = runs.map((run) => sql`when ${sql.ref('cases.status')} = ${sql.lit(run.status)} and ${sql.ref('cases.statusChangedAt')} < ${sql.lit(run.before)} then ${sql.lit(run.due)}`)
  return sql<string | null>`case ${sql.join(branches, sql` `)} else null end`
}

/** One page of the care team's queue across employers, sorted as asked (ties: oldest request first). */
export function unscopedListQueuePage(
  db: Kysely<Database>,
  q: CaseQueueQuery,
  order: { sort: QueueSort; direction: 'asc' | 'desc'; dueRuns: readonly DueRun[] },
  page: { offset: number; limit: number },
) {
  const dir = order.direction
  const query = filtered(db, q)
    .innerJoin('organizations', 'organizations.id', 'cases.employerId')
    .innerJoin('procedures', 'procedures.id', 'cases.procedureId')
    .innerJoin('facilities', 'facilities.id', 'cases.facilityId')
    .innerJoin('rosterMembers', 'rosterMembers.id', 'cases.rosterMemberId')
    .leftJoin('users as assignee', 'assignee.id', 'cases.assigneeUserId')
    .select([
      'cases.id', 'cases.status', 'cases.requestedAt', 'cases.statusChangedAt', 'cases.assigneeUserId', 'organizations.name as employerName',
      'procedures.code as procedureCode', 'procedures.name as procedureName', 'facilities.name as facilityName', 'rosterMembers.firstName',
      'rosterMembers.lastName', 'assignee.displayName as assigneeName', dueExpression(order.dueRuns).as('dueDate'),
    ])
  const nullsLast = (value: Expression<unknown>) => sql`case when ${value} is null then 1 else 0 end`
  const byColumn = { employer: 'organizations.name', procedure: 'procedures.name', center: 'facilities.name', status: 'cases.status' } as const
  let sorted
  if (order.sort in byColumn) sorted = query.orderBy(byColumn[order.sort as keyof typeof byColumn], dir)
  else if (order.sort === 'age') sorted = query.orderBy('cases.statusChangedAt', dir === 'asc' ? 'desc' : 'asc') // longest in its status first when descending
  // PostgreSQL cannot use a select alias inside an ORDER BY expression: repeat the CASE.
  else if (order.sort === 'due') sorted = query.orderBy(nullsLast(dueExpression(order.dueRuns))).orderBy(dueExpression(order.dueRuns), dir)
  else if (order.sort === 'member') sorted = query.orderBy('rosterMembers.lastName', dir).orderBy('rosterMembers.firstName', dir)
  else if (order.sort === 'assignee') sorted = query.orderBy(nullsLast(sql.ref('assignee.displayName'))).orderBy('assignee.displayName', dir)
  else sorted = query.orderBy('cases.requestedAt', dir)
  return sorted.orderBy('cases.requestedAt').orderBy('cases.id').offset(page.offset).limit(page.limit).execute()
}

/** How many cases the filters match (for the pager). */
export async function unscopedCountQueue(db: Kysely<Database>, q: CaseQueueQuery) {
  const row = await filtered(db, q).select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow()
  return Number(row.count)
}

/** Open cases past their promise, per status (one grouped query, whatever the filters). */
export async function unscopedCountOverdueByStatus(db: Kysely<Database>, cutoffs: readonly StatusCutoff[]) {
  if (cutoffs.length === 0) return []
  const rows = await db
    .selectFrom('cases')
    .select(['cases.status', (eb) => eb.fn.countAll<number>().as('count')])
    .where('cases.status', 'in', OPEN_CASE_STATUSES)
    .where((eb) => overdueCondition(eb, cutoffs))
    .groupBy('cases.status')
    .execute()
  return rows.map((row) => ({ status: row.status, count: Number(row.count) }))
}

export function listResponsePromises(db: Kysely<Database>) {
  return db.selectFrom('caseResponsePromises').select(['status', 'workingDays', 'updatedAt']).orderBy('status').execute()
}

export function listHolidays(db: Kysely<Database>) {
  return db.selectFrom('platformHolidays').select(['date', 'name']).orderBy('date').execute()
}

/** The platform's care coordinators (those who may be assignees), by name. */
export function unscopedListCareCoordinators(db: Kysely<Database>) {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.userId')
    .innerJoin('organizations', 'organizations.id', 'memberships.organizationId')
    .select(['users.id', 'users.displayName', 'users.email'])
    .where('memberships.role', '=', 'care_coordinator')
    .where('organizations.kind', '=', 'platform')
    .orderBy('users.displayName')
    .orderBy('users.id')
    .execute()
}

/** Sets the assignee only if it is still the one the page showed (two coordinators cannot both win). */
export async function updateCaseAssignee(db: Kysely<Database>, caseId: string, expected: string | null, assigneeUserId: string | null, at: string) {
  let query = db.updateTable('cases').set({ assigneeUserId, updatedAt: at }).where('id', '=', caseId)
  query = expected === null ? query.where('assigneeUserId', 'is', null) : query.where('assigneeUserId', '=', expected)
  const result = await query.executeTakeFirst()
  return Number(result.numUpdatedRows)
}
