import { REQUIRED_ROSTER_COLUMNS, ROSTER_COLUMNS, type RosterColumn } from './roster-row'

/**
 * The header spellings HR and payroll systems export for each roster column (DESIGN §6, issue 17).
 * A header is compared after folding case and treating spaces, hyphens, dots and underscores alike,
 * so "Employee ID", "EMPLOYEE_ID" and "employee-id" are all `employee_id`.
 */
const ALIASES: Record<RosterColumn, readonly string[]> = {
  employee_id: ['employee id', 'employeeid', 'emp id', 'empid', 'employee number', 'employee no', 'employee #', 'ee id', 'eeid', 'associate id', 'worker id'],
  first_name: ['first name', 'firstname', 'given name', 'fname', 'first'],
  last_name: ['last name', 'lastname', 'surname', 'family name', 'lname', 'last'],
  date_of_birth: ['date of birth', 'dob', 'birth date', 'birthdate', 'birthday'],
  zip: ['zip code', 'zipcode', 'zip5', 'postal code', 'postcode', 'home zip'],
  plan: ['plan name', 'health plan', 'medical plan', 'benefit plan'],
  coverage_tier: ['tier', 'coverage level', 'coverage tier', 'tier code'],
  coverage_start: ['coverage start', 'coverage start date', 'coverage effective date', 'effective date', 'start date'],
  coverage_end: ['coverage end', 'coverage end date', 'termination date', 'term date', 'end date', 'coverage term date'],
  dependents: ['dependents', 'dependent count', 'dependents count', 'number of dependents', 'num dependents'],
}

/** Folds a header for comparison: case, BOM, quotes and separators (space, _, -, .) do not matter. */
export function foldHeader(name: string): string {
  return name
    .replace(/^(\uFEFF|ï»¿)/, '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_.\-]+/g, ' ')
    .trim()
}

const BY_FOLDED = new Map<string, RosterColumn>()
for (const column of ROSTER_COLUMNS) {
  BY_FOLDED.set(foldHeader(column), column)
  for (const alias of ALIASES[column]) BY_FOLDED.set(foldHeader(alias), column)
}

export interface RosterHeader {
  /** For each field position, the roster column it holds, or null when unknown. */
  columns: Array<RosterColumn | null>
  /** Headers this portal does not read, as written in the file (their values are never read or stored). */
  unknown: string[]
  /** Required columns the file lacks. */
  missing: RosterColumn[]
  /** Columns the file gives twice (under two spellings, or the same one). */
  repeated: RosterColumn[]
}

/** Recognises a roster file's header row (DESIGN §6): known spellings, unknown and missing columns. */
export function readRosterHeader(header: readonly string[]): RosterHeader {
  const columns: Array<RosterColumn | null> = []
  const unknown: string[] = []
  const seen = new Set<RosterColumn>()
  const repeated: RosterColumn[] = []
  for (const name of header) {
    const column = BY_FOLDED.get(foldHeader(name)) ?? null
    if (column === null) {
      if (foldHeader(name) !== '') unknown.push(name.trim())
      columns.push(null)
    } else if (seen.has(column)) {
      // The second spelling of a column is not read: which of the two is right cannot be guessed.
      repeated.push(column)
      columns.push(null)
    } else {
      seen.add(column)
      columns.push(column)
    }
  }
  return { columns, unknown, missing: REQUIRED_ROSTER_COLUMNS.filter((c) => !seen.has(c)), repeated }
}

/** A header that is not a known column but close to one, said as a hint ("Coverage End Dt" → coverage_end?). */
export function closestColumn(name: string): RosterColumn | null {
  const folded = foldHeader(name)
  let best: { column: RosterColumn; distance: number } | null = null
  for (const [spelling, column] of BY_FOLDED) {
    const distance = editDistance(folded, spelling)
    if (distance <= Math.max(2, Math.floor(spelling.length / 4)) && (!best || distance < best.distance)) best = { column, distance }
  }
  if (best) return best.column
  // "Coverage End Dt", "Emp ID #": a known spelling followed or preceded by a short word.
  for (const [spelling, column] of BY_FOLDED) if (spelling.length >= 5 && (folded.startsWith(`${spelling} `) || folded.endsWith(` ${spelling}`))) return column
  return null
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 99
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)))
    previous = current
  }
  return previous[b.length]!
}

export type Delimiter = ',' | ';' | '\t'

/**
 * The field delimiter of a delimited text file from its first line: comma, semicolon (spreadsheets
 * in locales with a decimal comma) or tab, whichever occurs most outside quotes; comma on a tie.
 */
export function detectDelimiter(firstLine: string): Delimiter {
  const counts = { ',': 0, ';': 0, '\t': 0 }
  let quoted = false
  for (const character of firstLine) {
    if (character === '"') quoted = !quoted
    else if (!quoted && character in counts) counts[character as Delimiter]++
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';'
  if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t'
  return ','
}
