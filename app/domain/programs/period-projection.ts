import { addDays } from '~/domain/dates'
import { daysIn, piecesOf, type ProgramVersionRef, type VersionInForce } from './in-force'

/** A year of projection is 365 days, whatever the calendar year (the program page projects "a year"). */
export const DAYS_IN_PROJECTION_YEAR = 365

/** A published program version with its yearly projection per covered procedure (DESIGN §4). */
export interface ProjectedVersion extends VersionInForce {
  procedures: ReadonlyArray<{ code: string; name: string; annualNetSavingsCents: number }>
}

/** What one version adds for one procedure: the days it wins in the period, prorated. */
export interface PeriodProjectionLine {
  versionId: string
  programId: string
  programName: string
  version: number
  procedureCode: string
  procedureName: string
  annualNetSavingsCents: number
  /** The stretches of the period in which this version is the one members get for the procedure. */
  ranges: Array<{ from: string; to: string }>
  days: number
  /** annual × days / 365, rounded half up to the cent, once per line. */
  periodCents: number
}

/** A published version that adds nothing to the period, and why. */
export interface LeftOutVersion extends ProgramVersionRef {
  /** `not-in-force`: its dates miss the period; `superseded`: a newer version covers its procedures every day it is in force. */
  reason: 'not-in-force' | 'superseded'
}

export interface PeriodProjection {
  periodDays: number
  lines: PeriodProjectionLine[]
  leftOut: LeftOutVersion[]
  totalCents: number
}

/**
 * Projected net savings for a period (the employer dashboard). Every published version counts only
 * on the days it is in force within the period, and each procedure counts once per day: the newest
 * version in force that covers it wins (as members find care), so two programs covering hip
 * replacement over the same months add hip once. A version's yearly savings for a procedure are
 * prorated by the days it wins: annual × days / 365, rounded half up to the cent per line; the
 * total is the sum of the lines. Lines come in the order of the versions given, then procedure.
 */
export function projectSavingsForPeriod(period: { from: string; to: string }, versions: readonly ProjectedVersion[]): PeriodProjection {
  const periodDays = period.to < period.from ? 0 : daysIn(period)
  const won = new Map<string, Array<{ from: string; to: string }>>() // `${versionId}|${code}` → ranges
  const inForceSomeDay = new Set<string>()
  for (const piece of piecesOf(period, versions)) {
    for (const v of piece.inForce) inForceSomeDay.add(v.versionId)
    const taken = new Set<string>()
    for (const v of piece.inForce) {
      for (const p of v.procedures) {
        if (taken.has(p.code)) continue
        taken.add(p.code)
        const key = `${v.versionId}|${p.code}`
        const ranges = won.get(key) ?? []
        const last = ranges[ranges.length - 1]
        // Pieces are consecutive: a range that ends the day before this piece grows.
        if (last && addDays(last.to, 1) === piece.from) last.to = piece.to
        else ranges.push({ from: piece.from, to: piece.to })
        won.set(key, ranges)
      }
    }
  }
  const lines: PeriodProjectionLine[] = []
  const leftOut: LeftOutVersion[] = []
  for (const v of versions) {
    let any = false
    for (const p of [...v.procedures].sort((a, b) => a.name.localeCompare(b.name))) {
      const ranges = won.get(`${v.versionId}|${p.code}`)
      if (!ranges) continue
      any = true
      const days = ranges.reduce((sum, r) => sum + daysIn(r), 0)
      lines.push({
        versionId: v.versionId, programId: v.programId, programName: v.programName, version: v.version, procedureCode: p.code, procedureName: p.name,
        annualNetSavingsCents: p.annualNetSavingsCents, ranges, days, periodCents: prorate(p.annualNetSavingsCents, days),
      })
    }
    if (!any) {
      leftOut.push({
        versionId: v.versionId, programId: v.programId, programName: v.programName, version: v.version, effectiveFrom: v.effectiveFrom, effectiveTo: v.effectiveTo,
        reason: inForceSomeDay.has(v.versionId) ? 'superseded' : 'not-in-force',
      })
    }
  }
  return { periodDays, lines, leftOut, totalCents: lines.reduce((sum, l) => sum + l.periodCents, 0) }
}

/** annual × days / 365 in cents, half up (half away from zero for a negative figure). */
export function prorate(annualCents: number, days: number): number {
  const exact = (annualCents * days) / DAYS_IN_PROJECTION_YEAR
  // + 0 turns a −0 into 0.
  return (exact < 0 ? -Math.round(-exact) : Math.round(exact)) + 0
}
