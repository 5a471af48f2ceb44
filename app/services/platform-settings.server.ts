import { getDb } from '~/db/client.server'
import { insertAuditEntry } from '~/db/repositories/audit.server'
import { listHolidays, listResponsePromises, unscopedCountOverdueByStatus } from '~/db/repositories/case-queue.server'
import { deleteHoliday, deleteResponsePromise, findHoliday, insertHolidaysIfNew, upsertResponsePromise } from '~/db/repositories/platform-settings.server'
import type { CaseStatus } from '~/db/schema'
import { OPEN_STATES } from '~/domain/cases/case-flow'
import { overdueCutoff, promiseDueDate, usFederalHolidays } from '~/domain/cases/response-promise'
import { toIsoDate } from '~/domain/dates'
import type { Actor } from '~/domain/tenancy'

/*
 * The platform admin's settings for the care team (issue 22): the response promise per open
 * status and the holidays that are not working days. The queue reads the same rows
 * (care-queue.server.ts), so a change here changes which cases it flags overdue. Every change is
 * audited; a request that changes nothing writes nothing.
 */

/**
 * The page: each open status's promise with how many open cases are overdue under it now (one
 * grouped query, the same cutoffs as the queue's) and when a case entering it today would be due;
 * the holidays of `year`, and the years that have any.
 */
export async function getPlatformSettings(year: number, now = new Date()) {
  const db = getDb()
  const [promises, holidays] = await Promise.all([listResponsePromises(db), listHolidays(db)])
  const holidayDates = new Set(holidays.map((h) => h.date))
  const days = new Map(promises.map((p) => [p.status, p]))
  const cutoffs = OPEN_STATES.flatMap((status) => {
    const promise = days.get(status)
    return promise ? [{ status, cutoff: overdueCutoff(promise.workingDays, holidayDates, now) }] : []
  })
  const overdue = new Map((await unscopedCountOverdueByStatus(db, cutoffs)).map((row) => [row.status, row.count]))
  const today = toIsoDate(now)
  const years = [...new Set([...holidays.map((h) => Number(h.date.slice(0, 4))), now.getUTCFullYear(), now.getUTCFullYear() + 1, year])].sort((a, b) => a - b)
  return {
    statuses: OPEN_STATES.map((status) => {
      const promise = days.get(status)
      return {
        status,
        workingDays: promise?.workingDays ?? null,
        updatedAt: promise?.updatedAt ?? null,
        overdueNow: promise ? (overdue.get(status) ?? 0) : null,
        dueIfEnteredToday: promise ? promiseDueDate(today, promise.workingDays, holidayDates) : null,
      }
    }),
    year,
    years,
    nextYear: now.getUTCFullYear() + 1,
    holidays: holidays.filter((h) => h.date.startsWith(`${year}-`)),
  }
}

/** Sets the working days of each open status (null or absent: no promise); writes and audits only what changed. */
export async function saveResponsePromises(actor: Actor, wanted: Partial<Record<CaseStatus, number | null>>, now = new Date()) {
  const at = now.toISOString()
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const current = new Map((await listResponsePromises(trx)).map((p) => [p.status, p.workingDays]))
      const changed: CaseStatus[] = []
      for (const status of OPEN_STATES) {
        const before = current.get(status) ?? null
        const after = wanted[status] ?? null
        if (before === after) continue
        if (after === null) await deleteResponsePromise(trx, status)
        else await upsertResponsePromise(trx, { status, workingDays: after, updatedAt: at, updatedByUserId: actor.userId })
        await insertAuditEntry(trx, actor, {
          action: 'response_promise.updated', subjectType: 'response_promise', subjectId: status, employerId: null, at,
          detail: JSON.stringify({ workingDaysBefore: before, workingDaysAfter: after }),
        })
        changed.push(status)
      }
      return { changed }
    })
}

export type AddHolidayResult = { ok: true } | { ok: false; fieldErrors: { date: string[] } }

/** Adds one holiday; a date already listed is refused on the date field (and nothing changes). */
export async function addHoliday(actor: Actor, holiday: { date: string; name: string }, now = new Date()): Promise<AddHolidayResult> {
  const at = now.toISOString()
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const existing = await findHoliday(trx, holiday.date)
      // The insert skips a date listed meanwhile, so two admins adding the same day get one row and one refusal.
      const inserted = existing ? [] : await insertHolidaysIfNew(trx, [{ date: holiday.date, name: holiday.name, createdAt: at }])
      if (inserted.length === 0) {
        const listed = existing ?? (await findHoliday(trx, holiday.date))
        return { ok: false as const, fieldErrors: { date: [`There is already a holiday on ${holiday.date}${listed ? ` (${listed.name})` : ''}: choose another date`] } }
      }
      await insertAuditEntry(trx, actor, {
        action: 'platform_holiday.added', subjectType: 'platform_holiday', subjectId: holiday.date, employerId: null, at, detail: JSON.stringify({ name: holiday.name }),
      })
      return { ok: true as const }
    })
}

export type RemoveHolidayResult = { ok: true; name: string } | { ok: false; fieldErrors: { date: string[] } }

export async function removeHoliday(actor: Actor, date: string, now = new Date()): Promise<RemoveHolidayResult> {
  const at = now.toISOString()
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const holiday = await findHoliday(trx, date)
      if (!holiday || (await deleteHoliday(trx, date)) === 0) {
        return { ok: false as const, fieldErrors: { date: [`There is no holiday on ${date} to remove: it may have been removed already`] } }
      }
      await insertAuditEntry(trx, actor, {
        action: 'platform_holiday.removed', subjectType: 'platform_holiday', subjectId: date, employerId: null, at, detail: JSON.stringify({ name: holiday.name }),
      })
      return { ok: true as const, name: holiday.name }
    })
}

/**
 * Adds the eleven US federal holidays of `year` (observed dates), skipping dates already listed
 * (whatever their name): adding a year twice adds nothing the second time. Each added day is audited.
 */
export async function addUsFederalHolidays(actor: Actor, year: number, now = new Date()) {
  const at = now.toISOString()
  const federal = usFederalHolidays(year)
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const added = await insertHolidaysIfNew(trx, federal.map((h) => ({ date: h.date, name: h.name, createdAt: at })))
      for (const date of added) {
        await insertAuditEntry(trx, actor, {
          action: 'platform_holiday.added', subjectType: 'platform_holiday', subjectId: date, employerId: null, at,
          detail: JSON.stringify({ name: federal.find((h) => h.date === date)!.name, source: 'us_federal', year }),
        })
      }
      return { year, added: added.length, total: federal.length }
    })
}
