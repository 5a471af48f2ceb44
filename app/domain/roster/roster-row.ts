import { isIsoDate } from '~/domain/dates'
import { normalizeName } from './names'

/** Columns of a roster CSV (documented on the upload page, with a template). */
export const ROSTER_COLUMNS = [
  'employee_id', 'first_name', 'last_name', 'date_of_birth', 'zip', 'plan', 'coverage_tier', 'coverage_start', 'coverage_end', 'dependents',
] as const
export type RosterColumn = (typeof ROSTER_COLUMNS)[number]
export const REQUIRED_ROSTER_COLUMNS = ['employee_id', 'first_name', 'last_name', 'date_of_birth', 'zip', 'plan', 'coverage_tier', 'coverage_start'] as const satisfies readonly RosterColumn[]
export const COVERAGE_TIERS = ['employee', 'employee_spouse', 'employee_children', 'family'] as const
export type CoverageTierCode = (typeof COVERAGE_TIERS)[number]

/** Spellings of the tiers that payroll systems export, folded (lower case, separators removed). */
const TIER_SPELLINGS: Record<string, CoverageTierCode> = {
  employee: 'employee', employeeonly: 'employee', ee: 'employee', eeonly: 'employee', emp: 'employee', single: 'employee', individual: 'employee', ind: 'employee',
  employeespouse: 'employee_spouse', employeeandspouse: 'employee_spouse', es: 'employee_spouse', eesp: 'employee_spouse', eespouse: 'employee_spouse', esp: 'employee_spouse',
  employeechildren: 'employee_children', employeeandchildren: 'employee_children', employeechild: 'employee_children', ec: 'employee_children', eech: 'employee_children', eechildren: 'employee_children', ech: 'employee_children',
  family: 'family', fam: 'family', ef: 'family',
}

/** The youngest an employee on a roster can be on the file's date (US child-labor minimum for most work). */
export const MINIMUM_EMPLOYEE_AGE = 14

/**
 * One roster line, read. Only the columns the file has are set: a column the file does not carry
 * leaves the stored value alone (DESIGN §6), so `coverageEnd` is `undefined` (not in the file),
 * `null` (in the file, empty: no end) or a date.
 */
export interface RosterPatch {
  employeeId: string
  firstName?: string
  lastName?: string
  dateOfBirth?: string
  zip?: string
  /** The plan's name as the employer wrote it in its health plans. */
  planName?: string
  healthPlanId?: string
  coverageTier?: CoverageTierCode
  coverageStart?: string
  coverageEnd?: string | null
  dependentsCount?: number
}

export interface RosterRowContext {
  /** The employer's plans by name (any case). */
  plans: ReadonlyArray<{ id: string; name: string }>
  /** Is this a real US ZIP (the maintained ZIP package decides)? */
  isKnownZip: (zip: string) => boolean
  /** The file's date (YYYY-MM-DD): no one is born after it. */
  today: string
}

export type RosterRowResult = { ok: true; row: RosterPatch } | { ok: false; errors: Array<{ column: string; reason: string }> }

const NAME = /^[\p{L}\p{M}][\p{L}\p{M}' .-]*$/u

/** Validates one roster line (only the columns present in `values`); every problem is reported with its column. */
export function parseRosterRow(values: Readonly<Partial<Record<RosterColumn, string>>>, context: RosterRowContext): RosterRowResult {
  const errors: Array<{ column: string; reason: string }> = []
  const has = (column: RosterColumn) => values[column] !== undefined
  const text = (column: RosterColumn) => (values[column] ?? '').trim()
  const row: RosterPatch = { employeeId: text('employee_id') }

  if (!row.employeeId) errors.push({ column: 'employee_id', reason: 'missing' })
  else if (!/^[A-Za-z0-9_-]{1,40}$/.test(row.employeeId)) errors.push({ column: 'employee_id', reason: `"${row.employeeId.slice(0, 50)}" may use only letters, digits, - and _ (up to 40)` })

  for (const [column, field] of [['first_name', 'firstName'], ['last_name', 'lastName']] as const) {
    if (!has(column)) continue
    const value = normalizeName(values[column]!)
    if (!value) errors.push({ column, reason: 'missing' })
    else if (value.length > 60) errors.push({ column, reason: 'longer than 60 characters' })
    else if (!NAME.test(value)) errors.push({ column, reason: `"${value}" has characters a name cannot have` })
    else row[field] = value
  }

  if (has('date_of_birth')) {
    const dateOfBirth = text('date_of_birth')
    const reason = dateProblem(dateOfBirth)
    if (reason) errors.push({ column: 'date_of_birth', reason })
    else if (dateOfBirth > context.today) errors.push({ column: 'date_of_birth', reason: 'is in the future' })
    else if (yearsBetween(dateOfBirth, context.today) < MINIMUM_EMPLOYEE_AGE) {
      errors.push({ column: 'date_of_birth', reason: `"${dateOfBirth}" makes the employee younger than ${MINIMUM_EMPLOYEE_AGE}: check the date (dependents are not listed as employees)` })
    } else if (yearsBetween(dateOfBirth, context.today) > 120) errors.push({ column: 'date_of_birth', reason: 'is more than 120 years ago' })
    else row.dateOfBirth = dateOfBirth
  }

  if (has('zip')) {
    const zip = text('zip')
    if (!zip) errors.push({ column: 'zip', reason: 'missing' })
    else if (/^\d{3,4}$/.test(zip)) {
      const padded = zip.padStart(5, '0')
      errors.push({ column: 'zip', reason: `"${zip}" has ${zip.length} digits: a spreadsheet may have dropped leading zeros (${padded}?); format the column as text and export again` })
    } else if (!/^\d{5}(-?\d{4})?$/.test(zip)) errors.push({ column: 'zip', reason: `"${zip}" is not a 5-digit ZIP code` })
    else if (!context.isKnownZip(zip.slice(0, 5))) errors.push({ column: 'zip', reason: `${zip.slice(0, 5)} is not a US ZIP code we know` })
    else row.zip = zip.slice(0, 5)
  }

  if (has('plan')) {
    const planName = normalizeName(values.plan!)
    const plan = context.plans.find((p) => p.name.toLowerCase() === planName.toLowerCase())
    if (!planName) errors.push({ column: 'plan', reason: 'missing' })
    else if (!plan) errors.push({ column: 'plan', reason: `"${planName}" is not one of your health plans (${planList(context.plans)})` })
    else {
      row.planName = plan.name
      row.healthPlanId = plan.id
    }
  }

  if (has('coverage_tier')) {
    const tier = TIER_SPELLINGS[text('coverage_tier').toLowerCase().replace(/[^a-z]/g, '')]
    if (!tier) errors.push({ column: 'coverage_tier', reason: text('coverage_tier') ? `"${text('coverage_tier')}" is not one of ${COVERAGE_TIERS.join(', ')}` : 'missing' })
    else row.coverageTier = tier
  }

  if (has('coverage_start')) {
    const coverageStart = text('coverage_start')
    const reason = coverageStart ? dateProblem(coverageStart) : 'missing'
    if (reason) errors.push({ column: 'coverage_start', reason })
    else row.coverageStart = coverageStart
  }
  if (has('coverage_end')) {
    const coverageEnd = text('coverage_end')
    const reason = coverageEnd ? dateProblem(coverageEnd) : null
    if (reason) errors.push({ column: 'coverage_end', reason })
    else if (coverageEnd && row.coverageStart && coverageEnd < row.coverageStart) errors.push({ column: 'coverage_end', reason: 'is before coverage_start' })
    else row.coverageEnd = coverageEnd || null
  }

  // A blank cell is "not given" (the column is optional): the stored count stays, a new member gets 0.
  const dependentsText = text('dependents')
  if (dependentsText) {
    const dependentsCount = Number(dependentsText)
    const tier = row.coverageTier
    if (!/^\d{1,2}$/.test(dependentsText) || dependentsCount > 20) errors.push({ column: 'dependents', reason: `"${dependentsText}" is not a number of dependents from 0 to 20` })
    else if (tier === 'employee' && dependentsCount > 0) errors.push({ column: 'dependents', reason: 'employee-only coverage cannot have dependents' })
    else if (tier && tier !== 'employee' && dependentsCount === 0) errors.push({ column: 'dependents', reason: `${tier} coverage needs at least one dependent` })
    else row.dependentsCount = dependentsCount
  }

  return errors.length > 0 ? { ok: false, errors } : { ok: true, row }
}

/** Why a date cell is not a usable date: not in the form, or in the form but not a real day. */
function dateProblem(value: string): string | null {
  if (!value) return 'missing'
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return `"${value}" is not a date in YYYY-MM-DD form`
  if (!isIsoDate(value)) return `"${value}" is not a real date`
  return null
}

/** Whole years from one ISO date to a later one (birthdays counted by month and day). */
function yearsBetween(from: string, to: string): number {
  const years = Number(to.slice(0, 4)) - Number(from.slice(0, 4))
  return to.slice(5) < from.slice(5) ? years - 1 : years
}

function planList(plans: RosterRowContext['plans']): string {
  if (plans.length === 0) return 'you have none yet: add them under Health plans'
  const names = plans.map((p) => p.name)
  return `yours: ${names.slice(0, 10).join(', ')}${names.length > 10 ? ` and ${names.length - 10} more` : ''}`
}
