import { isIsoDate } from '~/domain/dates'

/** Columns of a roster CSV (documented on the upload page, with a template). */
export const ROSTER_COLUMNS = [
  'employee_id', 'first_name', 'last_name', 'date_of_birth', 'zip', 'plan', 'coverage_tier', 'coverage_start', 'coverage_end', 'dependents',
] as const
export const REQUIRED_ROSTER_COLUMNS = ['employee_id', 'first_name', 'last_name', 'date_of_birth', 'zip', 'plan', 'coverage_tier', 'coverage_start'] as const
export const COVERAGE_TIERS = ['employee', 'employee_spouse', 'employee_children', 'family'] as const
export type CoverageTierCode = (typeof COVERAGE_TIERS)[number]

export interface RosterRow {
  employeeId: string
  firstName: string
  lastName: string
  dateOfBirth: string
  zip: string
  planName: string
  coverageTier: CoverageTierCode
  coverageStart: string
  coverageEnd: string | null
  dependentsCount: number
}

export interface RosterRowContext {
  /** The employer's plan names, as written in its health plans. */
  planNames: ReadonlySet<string>
  /** Is this a real US ZIP (the maintained ZIP package decides)? */
  isKnownZip: (zip: string) => boolean
  /** The file's date (YYYY-MM-DD): no one is born after it. */
  today: string
}

export type RosterRowResult = { ok: true; row: RosterRow } | { ok: false; errors: Array<{ column: string; reason: string }> }

const NAME = /^[\p{L}\p{M}][\p{L}\p{M}' .-]*$/u

/** Validates one roster line; every problem of the row is reported with its column. */
export function parseRosterRow(values: Readonly<Record<string, string | undefined>>, context: RosterRowContext): RosterRowResult {
  const errors: Array<{ column: string; reason: string }> = []
  const text = (column: string) => (values[column] ?? '').trim()

  const employeeId = text('employee_id')
  if (!employeeId) errors.push({ column: 'employee_id', reason: 'missing' })
  else if (!/^[A-Za-z0-9_-]{1,40}$/.test(employeeId)) errors.push({ column: 'employee_id', reason: `"${employeeId.slice(0, 50)}" may use only letters, digits, - and _ (up to 40)` })

  for (const column of ['first_name', 'last_name'] as const) {
    const value = text(column)
    if (!value) errors.push({ column, reason: 'missing' })
    else if (value.length > 60) errors.push({ column, reason: 'longer than 60 characters' })
    else if (!NAME.test(value)) errors.push({ column, reason: `"${value}" has characters a name cannot have` })
  }

  const dateOfBirth = text('date_of_birth')
  if (!dateOfBirth) errors.push({ column: 'date_of_birth', reason: 'missing' })
  else if (!isIsoDate(dateOfBirth)) errors.push({ column: 'date_of_birth', reason: `"${dateOfBirth}" is not a date in YYYY-MM-DD form` })
  else if (dateOfBirth > context.today) errors.push({ column: 'date_of_birth', reason: 'is in the future' })
  else if (Number(context.today.slice(0, 4)) - Number(dateOfBirth.slice(0, 4)) > 120) errors.push({ column: 'date_of_birth', reason: 'is more than 120 years ago' })

  const zip = text('zip')
  if (!zip) errors.push({ column: 'zip', reason: 'missing' })
  else if (!/^\d{5}(-\d{4})?$/.test(zip)) errors.push({ column: 'zip', reason: `"${zip}" is not a 5-digit ZIP code` })
  else if (!context.isKnownZip(zip.slice(0, 5))) errors.push({ column: 'zip', reason: `${zip.slice(0, 5)} is not a US ZIP code we know` })

  const planName = text('plan')
  if (!planName) errors.push({ column: 'plan', reason: 'missing' })
  else if (!context.planNames.has(planName)) errors.push({ column: 'plan', reason: `"${planName}" is not one of your health plans` })

  const tier = text('coverage_tier').toLowerCase()
  if (!(COVERAGE_TIERS as readonly string[]).includes(tier)) errors.push({ column: 'coverage_tier', reason: `"${text('coverage_tier')}" is not one of ${COVERAGE_TIERS.join(', ')}` })

  const coverageStart = text('coverage_start')
  if (!isIsoDate(coverageStart)) errors.push({ column: 'coverage_start', reason: coverageStart ? `"${coverageStart}" is not a date in YYYY-MM-DD form` : 'missing' })
  const coverageEnd = text('coverage_end')
  if (coverageEnd && !isIsoDate(coverageEnd)) errors.push({ column: 'coverage_end', reason: `"${coverageEnd}" is not a date in YYYY-MM-DD form` })
  else if (coverageEnd && isIsoDate(coverageStart) && coverageEnd < coverageStart) errors.push({ column: 'coverage_end', reason: 'is before coverage_start' })

  const dependentsText = text('dependents') || '0'
  const dependentsCount = Number(dependentsText)
  if (!/^\d{1,2}$/.test(dependentsText) || dependentsCount > 20) errors.push({ column: 'dependents', reason: `"${dependentsText}" is not a number of dependents from 0 to 20` })
  else if (tier === 'employee' && dependentsCount > 0) errors.push({ column: 'dependents', reason: 'employee-only coverage cannot have dependents' })
  else if (tier !== 'employee' && (COVERAGE_TIERS as readonly string[]).includes(tier) && dependentsCount === 0) errors.push({ column: 'dependents', reason: `${tier} coverage needs at least one dependent` })

  if (errors.length > 0) return { ok: false, errors }
  return {
    ok: true,
    row: {
      employeeId, firstName: text('first_name'), lastName: text('last_name'), dateOfBirth, zip: zip.slice(0, 5), planName,
      coverageTier: tier as CoverageTierCode, coverageStart, coverageEnd: coverageEnd || null, dependentsCount,
    },
  }
}
