/**
 * A CMS fact's source as the importer writes it (app/services/cms-import.server.ts), split into
 * the CMS file's own title, which is CMS's words and shown as it is in every language, and the
 * portal's words about which copy or year of it was read, which a page says in its own language
 * (issue 20: the Spanish pages left those in English).
 */
export type FactSource =
  | { kind: 'file'; dataset: string }
  /** "… (2025/26 Care Compare release, one-row-per-hospital copy)": the portal's one-row-per-hospital copy of a release. */
  | { kind: 'release-copy'; dataset: string; release: string }
  /** "…, FY2026": a CMS program year. */
  | { kind: 'fiscal-year'; dataset: string; year: string }
  /** "…, 2023 (all DRGs)": every kind of hospital stay of a calendar year. */
  | { kind: 'all-conditions'; dataset: string; year: string }

const PATTERNS: ReadonlyArray<[RegExp, (m: RegExpExecArray) => FactSource]> = [
  [/^(.+) \((\d{4}\/\d{2}) Care Compare release, one-row-per-hospital copy\)$/, (m) => ({ kind: 'release-copy', dataset: m[1]!, release: m[2]! })],
  [/^(.+), FY(\d{4})$/, (m) => ({ kind: 'fiscal-year', dataset: m[1]!, year: m[2]! })],
  [/^(.+), (\d{4}) \(all DRGs\)$/, (m) => ({ kind: 'all-conditions', dataset: m[1]!, year: m[2]! })],
]

/** The parts of a source line; anything not written by the importer's patterns is a file title as it is. */
export function parseFactSource(source: string): FactSource {
  for (const [pattern, parts] of PATTERNS) {
    const match = pattern.exec(source)
    if (match) return parts(match)
  }
  return { kind: 'file', dataset: source }
}
