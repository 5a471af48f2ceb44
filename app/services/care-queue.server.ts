import { getDb } from '~/db/client.server'
import { unscopedCountCasesByStatus, unscopedListOpenCases } from '~/db/repositories/cases.server'
import { daysBetween } from '~/domain/dates'

/** The care team's queue across employers: open cases, oldest first, with their age. */
export async function getCareQueue(now = new Date()) {
  const db = getDb()
  const [counts, open] = await Promise.all([unscopedCountCasesByStatus(db), unscopedListOpenCases(db, 100)])
  return {
    counts,
    openCases: open.map((row) => ({ ...row, ageDays: daysBetween(new Date(row.requestedAt), now) })),
  }
}
