import { addDays } from '~/domain/dates'

/**
 * Which program version members get (DESIGN §3, find care): on any day, for any procedure, the
 * newest published version in force that covers it. "Newest" is the latest publication (ties: the
 * higher version number, then the id, so the answer is stable). Dates are ISO calendar days,
 * `effectiveTo` inclusive and null for "no end date"; ISO dates compare as strings.
 */
export interface ProgramVersionRef {
  versionId: string
  programId: string
  programName: string
  version: number
  effectiveFrom: string
  effectiveTo: string | null
}

export interface VersionInForce extends ProgramVersionRef {
  /** ISO instant of publication; the later one wins. */
  publishedAt: string
}

/** A stretch of calendar days, both ends included; `to` null: no end. */
export interface DateRange {
  from: string
  to: string | null
}

export function isInForce(version: Pick<VersionInForce, 'effectiveFrom' | 'effectiveTo'>, day: string): boolean {
  return version.effectiveFrom <= day && (version.effectiveTo === null || version.effectiveTo >= day)
}

/** Negative when `a` wins over `b` (published later, then higher version, then id). */
export function newestFirst(a: VersionInForce, b: VersionInForce): number {
  if (a.publishedAt !== b.publishedAt) return a.publishedAt > b.publishedAt ? -1 : 1
  if (a.version !== b.version) return b.version - a.version
  return a.versionId < b.versionId ? -1 : a.versionId > b.versionId ? 1 : 0
}

/** The days two ranges share, or null when they share none. */
export function intersectRanges(a: DateRange, b: DateRange): DateRange | null {
  const from = a.from > b.from ? a.from : b.from
  const to = a.to === null ? b.to : b.to === null ? a.to : a.to < b.to ? a.to : b.to
  return to !== null && to < from ? null : { from, to }
}

/** Whole days in a closed range (`to` must be set). */
export function daysIn(range: { from: string; to: string }): number {
  return Math.round((Date.parse(`${range.to}T00:00:00Z`) - Date.parse(`${range.from}T00:00:00Z`)) / 86_400_000) + 1
}

/**
 * The days of `period` cut where any version starts or ends: within one piece, the same versions
 * are in force every day. Each piece is returned with the versions in force, newest first.
 */
export function piecesOf<V extends VersionInForce>(period: { from: string; to: string }, versions: readonly V[]): Array<{ from: string; to: string; inForce: V[] }> {
  if (period.to < period.from) return []
  const cuts = new Set<string>([period.from, addDays(period.to, 1)])
  for (const v of versions) {
    for (const day of [v.effectiveFrom, v.effectiveTo === null ? null : addDays(v.effectiveTo, 1)]) {
      if (day !== null && day > period.from && day <= period.to) cuts.add(day)
    }
  }
  const sorted = [...cuts].sort()
  const pieces: Array<{ from: string; to: string; inForce: V[] }> = []
  for (let i = 0; i + 1 < sorted.length; i++) {
    const from = sorted[i]!
    pieces.push({ from, to: addDays(sorted[i + 1]!, -1), inForce: versions.filter((v) => isInForce(v, from)).sort(newestFirst) })
  }
  return pieces
}
