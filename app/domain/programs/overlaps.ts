import { intersectRanges, type ProgramVersionRef } from './in-force'

/** A program version's dates and covered procedures, as the overlap rule needs them. */
export interface VersionCoverage extends ProgramVersionRef {
  procedures: ReadonlyArray<{ id: string; name: string }>
}

/** Another program's published version that covers some of the same procedures on some of the same days. */
export interface ProgramOverlap {
  versionId: string
  programId: string
  programName: string
  version: number
  /** The procedures both cover, by name. */
  procedures: Array<{ id: string; name: string }>
  /** The days both are in force; `to` null: no end. */
  from: string
  to: string | null
}

/**
 * The overlap rule checked before publishing (issue 20): a published version of *another* program
 * overlaps the draft when both cover a procedure and their dates share at least one day (end dates
 * included, no end date runs on). Earlier versions of the draft's own program are not overlaps: a
 * new version is meant to take over from them. Once published, the draft is the newest version in
 * force, so on the shared days members get the draft's terms for the shared procedures. Sorted by
 * first shared day, then program name and version.
 */
export function overlapsOnPublishing(draft: VersionCoverage, published: readonly VersionCoverage[]): ProgramOverlap[] {
  const draftProcedures = new Set(draft.procedures.map((p) => p.id))
  const overlaps: ProgramOverlap[] = []
  for (const other of published) {
    if (other.programId === draft.programId) continue
    const shared = other.procedures.filter((p) => draftProcedures.has(p.id))
    if (shared.length === 0) continue
    const days = intersectRanges({ from: draft.effectiveFrom, to: draft.effectiveTo }, { from: other.effectiveFrom, to: other.effectiveTo })
    if (!days) continue
    overlaps.push({
      versionId: other.versionId, programId: other.programId, programName: other.programName, version: other.version,
      procedures: [...shared].sort((a, b) => a.name.localeCompare(b.name)).map((p) => ({ id: p.id, name: p.name })),
      from: days.from, to: days.to,
    })
  }
  return overlaps.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.programName.localeCompare(b.programName) || a.version - b.version))
}

/**
 * What the publisher confirms: the overlapping versions, as one text. A confirmation counts only
 * for the overlaps it was given for; if another program was published in between, the question
 * is asked again.
 */
export function overlapConfirmation(overlaps: readonly ProgramOverlap[]): string {
  return overlaps.map((o) => o.versionId).sort().join(',')
}
