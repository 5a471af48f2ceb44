import type { ZodIssue } from 'zod'
import {
  ACTIVITIES,
  QUALITY_MEASURE_CODES,
  QUALITY_MEASURES,
  type ContractTerms,
  type QualityMeasure,
} from '~/domain/contracts/terms'

/*
 * The contract terms form (issue 21): plain named inputs that map one-to-one onto the terms
 * document of ContractTermsSchema, which is the one schema that validates them. People type
 * dollars (bundle rates, benchmarks) and percentages (rates and shares, and the targets of rate
 * goals); the document holds cents and fractions 0–1 (ADR 0004). A goal is part of the terms when
 * its weight is filled in. Errors come back keyed by the input's name, so each shows next to it.
 */

/** Submitted values by input name (a checkbox group or multi-value input has several). */
export type TermsFormValues = Record<string, string[]>

const goalName = (measure: QualityMeasure, attribute: 'target' | 'weight') => `goals.${measure}.${attribute}`
const isRateMeasure = (measure: QualityMeasure) => QUALITY_MEASURES[measure].kind === 'rate'

/** A number as the form shows it: no float noise ("0.1" not "0.1000000001"). */
const show = (value: number) => String(Number(value.toFixed(8)))
const dollars = (cents: number) => (cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2))
const percent = (fraction: number) => show(fraction * 100)

/** The stored terms as form values (the page's defaults). */
export function termsToFormValues(terms: ContractTerms): TermsFormValues {
  const values: TermsFormValues = {}
  const set = (name: string, ...value: string[]) => {
    values[name] = value
  }
  terms.bundleRates.forEach((rate, index) => {
    set(`bundleRates[${index}].procedureCode`, rate.procedureCode)
    set(`bundleRates[${index}].bundleDollars`, dollars(rate.bundleCents))
    set(`bundleRates[${index}].includes`, ...rate.includes)
    set(`bundleRates[${index}].sourceOfferId`, rate.sourceOfferId ?? '')
  })
  set('warranty.windowDays', String(terms.warranty.windowDays))
  set('warranty.covers', ...terms.warranty.covers)
  terms.benchmarks.forEach((benchmark, index) => {
    set(`benchmarks[${index}].procedureCode`, benchmark.procedureCode)
    set(`benchmarks[${index}].source`, benchmark.source)
    set(`benchmarks[${index}].benchmarkDollars`, dollars(benchmark.benchmarkCents))
  })
  set('attribution.periodStart', terms.attribution.periodStart)
  set('attribution.periodEnd', terms.attribution.periodEnd)
  for (const goal of terms.qualityGoals) {
    set(goalName(goal.measure, 'target'), isRateMeasure(goal.measure) ? percent(goal.target) : show(goal.target))
    set(goalName(goal.measure, 'weight'), show(goal.weight))
  }
  set('qualityGate', show(terms.qualityGate))
  const risk = terms.riskSharing
  set('riskSharing.model', risk.model)
  set('riskSharing.sharingRate', percent(risk.sharingRate))
  set('riskSharing.downsideRate', risk.downsideRate === null ? '' : percent(risk.downsideRate))
  set('riskSharing.stopGainShare', percent(risk.stopGainShare))
  set('riskSharing.stopLossShare', risk.stopLossShare === null ? '' : percent(risk.stopLossShare))
  set('riskSharing.outlierCap', show(risk.outlierCap))
  set('riskSharing.minimumEpisodes', String(risk.minimumEpisodes))
  set('accessGuaranteeDays', String(terms.accessGuaranteeDays))
  set('networkFacilityIds', ...terms.networkFacilityIds)
  set('dataSharing.cadence', terms.dataSharing.cadence)
  set('dataSharing.fields', ...terms.dataSharing.fields)
  for (const activity of ACTIVITIES) set(`responsibilities.${activity}`, terms.responsibilities[activity])
  set('reporting.cadence', terms.reporting.cadence)
  terms.reporting.reviewDates.forEach((date, index) => set(`reporting.reviewDates[${index}]`, date))
  set('recalibrationDate', terms.recalibrationDate)
  return values
}

/** The submitted form as values by name (strings only; a file or other entry counts as empty). */
export function formValuesOf(form: { entries(): IterableIterator<[string, FormDataEntryValue]> }): TermsFormValues {
  const values: TermsFormValues = {}
  for (const [name, value] of form.entries()) (values[name] ??= []).push(typeof value === 'string' ? value : '')
  return values
}

/** A typed number, or undefined when empty (the schema's "enter …" message), NaN when not a number. */
function numberOf(text: string | undefined): number | undefined {
  const trimmed = (text ?? '').trim()
  if (trimmed === '') return undefined
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : Number.NaN
}
function centsOf(text: string | undefined): number | undefined {
  const trimmed = (text ?? '').trim().replace(/^\$/, '').replace(/,/g, '')
  const value = numberOf(trimmed)
  return value === undefined || Number.isNaN(value) ? value : Math.round(value * 100)
}
function fractionOf(text: string | undefined, optional = false): number | null | undefined {
  const value = numberOf(text)
  if (value === undefined) return optional ? null : undefined
  return Number.isNaN(value) ? value : Number((value / 100).toFixed(10))
}

/** Rows of an indexed list ("bundleRates[0].…", "bundleRates[1].…") in index order. */
function rowIndexes(values: TermsFormValues, list: string): number[] {
  const pattern = new RegExp(`^${list}\\[(\\d{1,3})\\]\\.`)
  const indexes = new Set<number>()
  for (const name of Object.keys(values)) {
    const match = pattern.exec(name)
    if (match) indexes.add(Number(match[1]))
  }
  return [...indexes].sort((a, b) => a - b)
}

/** The indexes of the review-date inputs ("reporting.reviewDates[3]"), in order; each is one date. */
export function reviewDateIndexes(values: TermsFormValues): number[] {
  const indexes = Object.keys(values)
    .map((name) => /^reporting\.reviewDates\[(\d{1,2})\]$/.exec(name)?.[1])
    .filter((index): index is string => index !== undefined)
    .map(Number)
  return [...new Set(indexes)].sort((a, b) => a - b)
}

/**
 * The terms document the form describes, for ContractTermsSchema to validate, and the goals'
 * measures in document order (to put a goal's error next to its inputs).
 */
export function termsInputFromForm(values: TermsFormValues): { input: unknown; goalMeasures: QualityMeasure[] } {
  const one = (name: string) => values[name]?.[0]
  const many = (name: string) => (values[name] ?? []).filter((value) => value !== '')
  const text = (name: string) => one(name)?.trim() ?? ''
  const rateRows = rowIndexes(values, 'bundleRates')
  const benchmarkRows = rowIndexes(values, 'benchmarks')
  const goalMeasures = QUALITY_MEASURE_CODES.filter((measure) => (one(goalName(measure, 'weight')) ?? '').trim() !== '')
  const input = {
    bundleRates: rateRows.map((index) => ({
      procedureCode: text(`bundleRates[${index}].procedureCode`),
      bundleCents: centsOf(one(`bundleRates[${index}].bundleDollars`)),
      includes: many(`bundleRates[${index}].includes`),
      sourceOfferId: text(`bundleRates[${index}].sourceOfferId`) || null,
    })),
    warranty: { windowDays: numberOf(one('warranty.windowDays')), covers: many('warranty.covers') },
    benchmarks: benchmarkRows.map((index) => ({
      procedureCode: text(`benchmarks[${index}].procedureCode`),
      source: text(`benchmarks[${index}].source`),
      benchmarkCents: centsOf(one(`benchmarks[${index}].benchmarkDollars`)),
    })),
    attribution: { model: 'prospective', periodStart: text('attribution.periodStart'), periodEnd: text('attribution.periodEnd') },
    qualityGoals: goalMeasures.map((measure) => {
      const target = isRateMeasure(measure) ? fractionOf(one(goalName(measure, 'target'))) : numberOf(one(goalName(measure, 'target')))
      return { measure, direction: QUALITY_MEASURES[measure].direction, target, weight: numberOf(one(goalName(measure, 'weight'))) }
    }),
    qualityGate: numberOf(one('qualityGate')),
    riskSharing: {
      model: text('riskSharing.model'),
      sharingRate: fractionOf(one('riskSharing.sharingRate')),
      downsideRate: fractionOf(one('riskSharing.downsideRate'), true),
      stopGainShare: fractionOf(one('riskSharing.stopGainShare')),
      stopLossShare: fractionOf(one('riskSharing.stopLossShare'), true),
      outlierCap: numberOf(one('riskSharing.outlierCap')),
      minimumEpisodes: numberOf(one('riskSharing.minimumEpisodes')),
    },
    accessGuaranteeDays: numberOf(one('accessGuaranteeDays')),
    networkFacilityIds: many('networkFacilityIds'),
    dataSharing: { cadence: text('dataSharing.cadence'), fields: many('dataSharing.fields') },
    responsibilities: Object.fromEntries(ACTIVITIES.map((activity) => [activity, text(`responsibilities.${activity}`)])),
    reporting: {
      cadence: text('reporting.cadence'),
      reviewDates: reviewDateIndexes(values).map((index) => text(`reporting.reviewDates[${index}]`)).filter((date) => date !== ''),
    },
    recalibrationDate: text('recalibrationDate'),
  }
  return { input, goalMeasures }
}

const RENAMED: Record<string, string> = { bundleCents: 'bundleDollars', benchmarkCents: 'benchmarkDollars' }

/**
 * The input an issue of ContractTermsSchema belongs next to: "bundleRates[0].bundleDollars",
 * "goals.pro_share.weight", "reporting.reviewDates"; a list's own issue is keyed by the list.
 */
export function formNameOfIssue(path: ReadonlyArray<string | number>, goalMeasures: readonly QualityMeasure[]): string {
  if (path[0] === 'qualityGoals') {
    const measure = typeof path[1] === 'number' ? goalMeasures[path[1]] : undefined
    if (!measure) return 'qualityGoals'
    const attribute = path[2] === 'target' ? 'target' : 'weight'
    return goalName(measure, attribute)
  }
  if (path[0] === 'bundleRates' || path[0] === 'benchmarks') {
    if (typeof path[1] !== 'number') return String(path[0])
    const leaf = path[2] === undefined ? '' : `.${RENAMED[String(path[2])] ?? String(path[2])}`
    return `${path[0]}[${path[1]}]${leaf}`
  }
  // Lists of plain values (facilities, fields, review dates, inclusions): the error goes by the whole list.
  return path.filter((part) => typeof part === 'string').join('.') || 'terms'
}

/** Zod issues as field errors by input name (one message once per input). */
export function termsFieldErrors(issues: readonly ZodIssue[], goalMeasures: readonly QualityMeasure[]): Record<string, string[]> {
  const errors: Record<string, string[]> = {}
  for (const issue of issues) {
    const name = formNameOfIssue(issue.path, goalMeasures)
    const list = (errors[name] ??= [])
    if (!list.includes(issue.message)) list.push(issue.message)
  }
  return errors
}
