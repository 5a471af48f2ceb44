import type { NationalComparison } from '~/domain/quality'

/**
 * Reading CMS Care Compare values (see ../shared/data/cms/SOURCES.md): keys are 6-character
 * strings that some files lost leading zeros from, missing values have many spellings, money
 * can be "$1,234", dates are MM/DD/YYYY.
 */

const MISSING = new Set(['', 'not available', 'not avail.', 'not avail', 'n/a', 'na', 'too few to report', 'not applicable', '--', '-', 'null'])

/** A CMS Certification Number as the 6-character key, or null when it cannot be one. */
export function normalizeCcn(raw: string | undefined): string | null {
  const text = (raw ?? '').trim().toUpperCase()
  if (!/^[0-9A-Z]{1,6}$/.test(text)) return null
  // Files re-saved by spreadsheets dropped leading zeros of numeric ids (10001 → 010001).
  return /^\d+$/.test(text) ? text.padStart(6, '0') : text.length === 6 ? text : null
}

/** Is this a spelling of "no value" (Not Available, N/A, Too Few to Report, blank, …)? */
export function isMissing(raw: string | undefined): boolean {
  return MISSING.has((raw ?? '').trim().toLowerCase())
}

/** A number from a CMS cell ("3.2", "$22,530", "1,234"), or null when missing or not a number (see readCmsNumber to tell the two apart). */
export function parseCmsNumber(raw: string | undefined): number | null {
  if (isMissing(raw)) return null
  const text = raw!.trim().replace(/^\$/, '')
  // Commas only as thousands separators ("$22,530", "3,088"): "0,9952" is a decimal comma, not 9,952.
  if (!/^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(text)) return null
  return Number(text.replace(/,/g, ''))
}

/**
 * A number from a CMS cell, null for a spelling of "no value", or undefined for anything else (a
 * spelling no release used so far, "3.2%", "0,98"): the importer rejects that row rather than
 * clear a stored value on a word it does not know (issue 19).
 */
export function readCmsNumber(raw: string | undefined): number | null | undefined {
  if (isMissing(raw)) return null
  return parseCmsNumber(raw) ?? undefined
}

/** A star rating 1–5, null for a spelling of "no value", or undefined for anything else (see readCmsNumber). */
export function readStarRating(raw: string | undefined): number | null | undefined {
  const value = readCmsNumber(raw)
  if (value === null || value === undefined) return value
  return Number.isInteger(value) && value >= 1 && value <= 5 ? value : undefined
}

/** CMS's verdict against the nation in any of its spellings. */
export function parseComparison(raw: string | undefined): NationalComparison {
  const text = (raw ?? '').trim().toLowerCase()
  if (text.startsWith('better')) return 'better'
  if (text.startsWith('worse')) return 'worse'
  if (text.startsWith('no different') || text === 'same' || text.startsWith('average')) return 'no_different'
  return 'not_available'
}

/** MM/DD/YYYY → YYYY-MM-DD, or null. */
export function parseCmsDate(raw: string | undefined): string | null {
  const match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec((raw ?? '').trim())
  return match ? `${match[3]}-${match[1]}-${match[2]}` : null
}

/** CMS's `Location` column: "POINT (<longitude> <latitude>)" → coordinates, or null. */
export function parseLocationPoint(raw: string | undefined): { latitude: number; longitude: number } | null {
  const match = /^POINT \((-?\d+(?:\.\d+)?) (-?\d+(?:\.\d+)?)\)$/.exec((raw ?? '').trim())
  if (!match) return null
  const longitude = Number(match[1])
  const latitude = Number(match[2])
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180 || (latitude === 0 && longitude === 0)) return null
  return { latitude, longitude }
}

/** A star rating 1–5, or null. */
export function parseStarRating(raw: string | undefined): number | null {
  const value = parseCmsNumber(raw)
  return value !== null && Number.isInteger(value) && value >= 1 && value <= 5 ? value : null
}
