import { getDb } from '~/db/client.server'
import { insertAuditEntry } from '~/db/repositories/audit.server'
import { listEmployersWith, OPEN_CASE_STATUSES } from '~/db/repositories/care.server'
import {
  listHolidays,
  listResponsePromises,
  unscopedCountOverdueByStatus,
  unscopedCountQueue,
  unscopedListCareCoordinators,
  unscopedListQueuePage,
  type CaseQueueQuery,
  type DueRun,
  type StatusCutoff,
} from '~/db/repositories/case-queue.server'
import { unscopedCountCasesByStatus } from '~/db/repositories/cases.server'
import { unreadByCase } from '~/db/repositories/case-messages.server'
import { listProcedures } from '~/db/repositories/catalog.server'
import type { CaseStatus } from '~/db/schema'
import { dueRuns, overdueCutoff, promiseDueDate } from '~/domain/cases/response-promise'
import { daysBetween } from '~/domain/dates'
import type { Actor } from '~/domain/tenancy'
import { QUEUE_PAGE_SIZE, type CareQueueView } from '~/forms/care-queue'

/** The response promise in force: working days per open status, and the holidays. */
export async function loadPromise() {
  const db = getDb()
  const [promises, holidays] = await Promise.all([listResponsePromises(db), listHolidays(db)])
  const open = new Set<string>(OPEN_CASE_STATUSES)
  return {
    days: new Map(promises.filter((p) => open.has(p.status)).map((p) => [p.status as CaseStatus, p.workingDays])),
    holidays: new Set(holidays.map((h) => h.date)),
  }
}

/**
 * The care team's queue: one page of cases (50) with each case's time in its status, its due date
 * under the response promise and whether it is overdue; counts per status and overdue counts come
 * from grouped queries (the promise becomes a per-status cutoff instant), never from every case.
 * Each row carries the member's messages the signed-in coordinator has not read yet.
 * Members' names are shown: the read is audited.
 */
export async function getCareQueue(actor: Actor, view: CareQueueView, now = new Date()) {
  const db = getDb()
  const promise = await loadPromise()
  const cutoffs: StatusCutoff[] = [...promise.days].map(([status, days]) => ({ status, cutoff: overdueCutoff(days, promise.holidays, now) }))
  const runs: DueRun[] = [...promise.days].flatMap(([status, days]) => dueRuns(days, promise.holidays, now).map((run) => ({ status, ...run })))
  const query: CaseQueueQuery = {
    status: view.status, employerId: view.employerId, procedureId: view.procedureId, overdueOnly: view.overdue, cutoffs,
    assigneeUserId: view.assignee === 'any' ? undefined : view.assignee === 'unassigned' ? null : view.assignee === 'mine' ? actor.userId : view.assignee,
  }
  const [counts, overdueCounts, total, employers, procedures, coordinators] = await Promise.all([
    unscopedCountCasesByStatus(db),
    unscopedCountOverdueByStatus(db, cutoffs),
    unscopedCountQueue(db, query),
    listEmployersWith(db, 'cases', view.employerId),
    listProcedures(db),
    unscopedListCareCoordinators(db),
  ])
  const pages = Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE))
  const page = Math.min(view.page, pages)
  const rows = await unscopedListQueuePage(db, query, { sort: view.sort, direction: view.dir, dueRuns: runs }, { offset: (page - 1) * QUEUE_PAGE_SIZE, limit: QUEUE_PAGE_SIZE })
  // The member's messages this coordinator has not read, for this page's cases only (one grouped query).
  const unread = await unreadByCase(db, actor.userId, rows.map((row) => row.id), 'care_team')
  await insertAuditEntry(db, actor, {
    // The filter's employer only when it names one (a made-up id stays in the detail, not in the foreign key).
    action: 'case_queue.viewed', subjectType: 'case_queue', subjectId: null, at: now.toISOString(),
    employerId: employers.some((e) => e.id === view.employerId) ? view.employerId : null,
    detail: JSON.stringify({ filter: view, cases: rows.length }),
  })
  return {
    filter: { ...view, page },
    counts,
    overdueCounts,
    overdueTotal: overdueCounts.reduce((sum, row) => sum + row.count, 0),
    total,
    pages,
    cases: rows.map((row) => {
      const since = row.statusChangedAt ?? row.requestedAt
      const days = promise.days.get(row.status)
      const dueDate = days === undefined ? null : promiseDueDate(since, days, promise.holidays)
      return {
        id: row.id, status: row.status, requestedAt: row.requestedAt, statusChangedAt: since, employerName: row.employerName, procedureName: row.procedureName,
        procedureCode: row.procedureCode, facilityName: row.facilityName, firstName: row.firstName, lastName: row.lastName,
        assigneeUserId: row.assigneeUserId, assigneeName: row.assigneeName, ageDays: daysBetween(new Date(row.requestedAt), now),
        daysInStatus: daysBetween(new Date(since), now), dueDate, isOverdue: cutoffs.some((c) => c.status === row.status && since < c.cutoff),
        unreadMessages: unread[row.id] ?? 0,
      }
    }),
    employers,
    procedures: procedures.map((p) => ({ id: p.id, code: p.code, name: p.name })),
    coordinators: coordinators.map((c) => ({ id: c.id, name: c.displayName })),
    isCoordinator: coordinators.some((c) => c.id === actor.userId),
  }
}
