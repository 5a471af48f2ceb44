import { Form } from '@remix-run/react'
import type { ReactNode } from 'react'
import {
  ACTIVITIES,
  ACTIVITY_LABELS,
  BENCHMARK_SOURCES,
  BENCHMARK_SOURCE_LABELS,
  BUNDLE_INCLUSIONS,
  CADENCES,
  DATA_SHARING_FIELDS,
  DATA_SHARING_FIELD_LABELS,
  INCLUSION_LABELS,
  PARTIES,
  PARTY_LABELS,
  QUALITY_MEASURE_CODES,
  QUALITY_MEASURES,
  RISK_MODELS,
  REVIEWS_PER_YEAR,
  RISK_MODEL_LABELS,
  reviewCountRange,
  WARRANTY_COVERAGE,
} from '~/domain/contracts/terms'
import { isIsoDate } from '~/domain/dates'
import { reviewDateIndexes } from '~/forms/contract-terms'
import { ContractExtracts, RateWarnings, type ExtractWindowsView, type RateWarningView } from './contract-extracts'
import { ContractPeriodsSection, type PeriodSummary } from './contract-statement'
import { ContractWarrantyEvents, type ContractWarrantyEventView } from './contract-warranty-events'
import { formatDate, formatDateTime, statusLabel } from './format'
import { ErrorList } from './primitives/error-list'
import { IntentButton } from './primitives/intent-button'

/*
 * A contract's page, the same for both sides (issue 21): status, versions and signatures, the
 * redlines of what changed, the send / sign / new-version buttons, and the terms form with each
 * error next to its input. Plain inputs named after the terms document (app/forms/contract-terms.ts).
 */

export interface ContractPageData {
  side: 'purchaser' | 'center'
  /** This contract's page for the side looking at it: /employer/contracts/…, /coalition/contracts/… or /center/contracts/…. */
  basePath: string
  contract: { id: string; title: string; status: string; purchaserName: string; healthSystemName: string; otherParty: string; inForceVersion: number | null }
  version: { number: number; status: string; termsSha256: string; sentAt: string | null; sentBy: string | null; isWaitingForOtherSide: boolean; signedAt: string | null }
  versions: Array<{ number: number; status: string; sentAt: string | null; signedAt: string | null }>
  signatures: Array<{ organizationName: string; userName: string; signedAt: string; isOnCurrentTerms: boolean }>
  redlines: Array<{ title: string; changes: Array<{ term: string; before: string; after: string; text: string }> }>
  values: Record<string, string[]>
  procedures: string[]
  benchmarkCount: number
  facilities: Array<{ id: string; name: string; place: string }>
  can: { edit: boolean; send: boolean; sign: boolean; startNewVersion: boolean }
  rateWarnings: RateWarningView[]
  extracts: ExtractWindowsView
  /** The one-time note of the step just done (a flash key). */
  note: string | null
  /** Warranty events recorded on cases under this contract (issue 21, ADR 0016 §9). */
  warrantyEvents?: readonly ContractWarrantyEventView[]
  /** The reconciliation periods (once a version is signed by both sides). */
  periods?: PeriodSummary[]
}

const NOTES: Record<string, string> = {
  'contract-created': "Draft created from the program's network: check the terms, then send it.",
  'contract-save': 'Terms saved. Send them when your changes are ready.',
  'contract-send': 'Sent to the other side.',
  'contract-sign': 'Signed.',
  'contract-new-version': 'New version started from the signed one; the signed version stays in force until both sign this one.',
}

/** The action's answer: errors by input name ('' for the page), and the values as submitted. */
export interface ContractActionData {
  error?: Record<string, string[]>
  values?: Record<string, string[]> | undefined
}

export function ContractPage({ data, actionData }: { data: ContractPageData; actionData: ContractActionData | undefined }) {
  const { contract, version } = data
  const values = actionData?.values ?? data.values
  const errors = actionData?.error ?? {}
  const formErrors = errors[''] ?? []
  return (
    <>
      <h1>{contract.title}</h1>
      <p className="lead">
        {contract.purchaserName} and {contract.healthSystemName} · contract {statusLabel(contract.status)}
        {contract.inForceVersion !== null ? ` · version ${contract.inForceVersion} in force` : ''}
      </p>
      {data.note && NOTES[data.note] ? (
        <p role="status" className="save-status">
          {NOTES[data.note]}
        </p>
      ) : null}
      <section aria-labelledby="version-heading">
        <h2 id="version-heading">
          Version {version.number}: {statusLabel(version.status)}
        </h2>
        <p>
          {version.status === 'signed' && version.signedAt ? `Signed by both sides on ${formatDate(version.signedAt)}.` : null}
          {version.status === 'sent' && version.sentBy ? `Sent by ${version.sentBy} on ${formatDate(version.sentAt)}. ` : null}
          {version.isWaitingForOtherSide ? `Waiting for ${contract.otherParty} to sign or send changes back.` : null}
          {version.status === 'draft' ? 'Not sent: send it when your changes are ready; signing needs a sent version.' : null}
        </p>
        <p className="muted">
          Terms fingerprint (SHA-256): <code className="break">{version.termsSha256}</code>
        </p>
        {data.signatures.length > 0 ? (
          <ul>
            {data.signatures.map((signature) => (
              <li key={`${signature.organizationName}-${signature.signedAt}`}>
                Signed for {signature.organizationName} by {signature.userName} on {formatDateTime(signature.signedAt)}
                {signature.isOnCurrentTerms ? '' : ' (on earlier terms: no longer counts)'}
              </li>
            ))}
          </ul>
        ) : null}
        {formErrors.length > 0 ? (
          <p role="alert" className="error-list">
            {formErrors.join(' ')}
          </p>
        ) : null}
        <div className="actions">
          {data.can.send ? <IntentButton intent="send">Send to {contract.otherParty}</IntentButton> : null}
          {data.can.sign ? <IntentButton intent="sign">Sign version {version.number}</IntentButton> : null}
          {data.can.startNewVersion ? <IntentButton intent="new-version">Start a new version</IntentButton> : null}
        </div>
      </section>

      <RateWarnings warnings={data.rateWarnings} isSigned={version.status === 'signed'} />
      {data.periods ? <ContractPeriodsSection periods={data.periods} basePath={data.basePath} /> : null}

      {data.redlines.map((redline) => (
        <section key={redline.title} aria-label={redline.title}>
          <h2>{redline.title}</h2>
          {redline.changes.length === 0 ? (
            <p className="muted">No change.</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Term</th>
                  <th scope="col">Before</th>
                  <th scope="col">Now</th>
                </tr>
              </thead>
              <tbody>
                {redline.changes.map((change) => (
                  <tr key={change.text}>
                    <th scope="row">{change.term}</th>
                    <td>
                      <del>{change.before}</del>
                    </td>
                    <td>
                      <ins>{change.after}</ins>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ))}

      <section aria-labelledby="terms-heading">
        <h2 id="terms-heading">Terms</h2>
        {data.can.edit ? null : <p className="muted">A signed version cannot change. Start a new version to propose a change.</p>}
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="save" />
          <fieldset disabled={!data.can.edit}>
            <TermsFields values={values} errors={errors} procedures={data.procedures} benchmarkCount={data.benchmarkCount} facilities={data.facilities} />
            {data.can.edit ? (
              <button type="submit" className="button">
                Save terms
              </button>
            ) : null}
          </fieldset>
        </Form>
      </section>

      <ContractExtracts extracts={data.extracts} basePath={data.basePath} />
      {data.warrantyEvents ? <ContractWarrantyEvents events={data.warrantyEvents} /> : null}

      <section aria-labelledby="versions-heading">
        <h2 id="versions-heading">Versions</h2>
        <ul>
          {data.versions.map((v) => (
            <li key={v.number}>
              Version {v.number}: {statusLabel(v.status)}
              {v.signedAt ? `, signed ${formatDate(v.signedAt)}` : v.sentAt ? `, sent ${formatDate(v.sentAt)}` : ''}
            </li>
          ))}
        </ul>
      </section>
    </>
  )
}

const idOf = (name: string) => `term-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`

function Described({ name, errors, children }: { name: string; errors: Record<string, string[]>; children: ReactNode }) {
  return (
    <>
      {children}
      <ErrorList id={`${idOf(name)}-error`} errors={errors[name]} />
    </>
  )
}

function TextTerm({ name, label, values, errors, help }: { name: string; label: string; values: Record<string, string[]>; errors: Record<string, string[]>; help?: string }) {
  const id = idOf(name)
  const hasError = Boolean(errors[name]?.length)
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {help ? (
        <p className="field__help" id={`${id}-help`}>
          {help}
        </p>
      ) : null}
      <Described name={name} errors={errors}>
        <input
          id={id}
          name={name}
          defaultValue={values[name]?.[0] ?? ''}
          aria-invalid={hasError || undefined}
          aria-describedby={[help ? `${id}-help` : '', hasError ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined}
        />
      </Described>
    </div>
  )
}

function SelectTerm({ name, label, options, values, errors }: { name: string; label: string; options: ReadonlyArray<readonly [string, string]>; values: Record<string, string[]>; errors: Record<string, string[]> }) {
  const id = idOf(name)
  const hasError = Boolean(errors[name]?.length)
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <Described name={name} errors={errors}>
        <select id={id} name={name} defaultValue={values[name]?.[0] ?? ''} aria-invalid={hasError || undefined} aria-describedby={hasError ? `${id}-error` : undefined}>
          {options.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      </Described>
    </div>
  )
}

function CheckboxesTerm({ name, legend, options, values, errors }: { name: string; legend: string; options: ReadonlyArray<readonly [string, string]>; values: Record<string, string[]>; errors: Record<string, string[]> }) {
  const checked = new Set(values[name] ?? [])
  const hasError = Boolean(errors[name]?.length)
  return (
    <fieldset className="checkbox-group" aria-invalid={hasError || undefined} aria-describedby={hasError ? `${idOf(name)}-error` : undefined}>
      <legend>{legend}</legend>
      {options.map(([value, text]) => (
        <label key={value}>
          <input type="checkbox" name={name} value={value} defaultChecked={checked.has(value)} /> {text}
        </label>
      ))}
      <ErrorList id={`${idOf(name)}-error`} errors={errors[name]} />
    </fieldset>
  )
}

/**
 * One date input per joint review: as many as the period allows (2–4 a year), and one more than
 * are filled so a date can always be added; an emptied input removes its date.
 */
function ReviewDatesTerm({ values, errors }: { values: Record<string, string[]>; errors: Record<string, string[]> }) {
  const filled = reviewDateIndexes(values).filter((index) => (values[`reporting.reviewDates[${index}]`]?.[0] ?? '').trim() !== '')
  const start = values['attribution.periodStart']?.[0] ?? ''
  const end = values['attribution.periodEnd']?.[0] ?? ''
  const allowed = isIsoDate(start) && isIsoDate(end) && end > start ? reviewCountRange(start, end).max : REVIEWS_PER_YEAR.max
  const dates = filled.map((index) => values[`reporting.reviewDates[${index}]`]![0]!)
  const count = Math.min(MAX_REVIEW_INPUTS, Math.max(allowed, dates.length + 1))
  const hasError = Boolean(errors['reporting.reviewDates']?.length)
  return (
    <fieldset className="review-dates" aria-invalid={hasError || undefined} aria-describedby={hasError ? `${idOf('reporting.reviewDates')}-error` : undefined}>
      <legend>Joint review dates</legend>
      <p className="field__help">{`${REVIEWS_PER_YEAR.min} to ${REVIEWS_PER_YEAR.max} a year, inside the contract period. Leave an input empty to remove its date.`}</p>
      {Array.from({ length: count }, (_, index) => {
        const name = `reporting.reviewDates[${index}]`
        return (
          <div className="field" key={name}>
            <label htmlFor={idOf(name)}>{`Review ${index + 1}`}</label>
            <input id={idOf(name)} name={name} type="date" defaultValue={dates[index] ?? ''} />
          </div>
        )
      })}
      <ErrorList id={`${idOf('reporting.reviewDates')}-error`} errors={errors['reporting.reviewDates']} />
    </fieldset>
  )
}

/** A four-year contract's sixteen reviews at most, so the form stays short. */
const MAX_REVIEW_INPUTS = 16

const pairs = <T extends string>(values: readonly T[], labels: Readonly<Record<T, string>>) => values.map((value) => [value, labels[value]] as const)

function TermsFields({
  values,
  errors,
  procedures,
  benchmarkCount,
  facilities,
}: {
  values: Record<string, string[]>
  errors: Record<string, string[]>
  procedures: string[]
  benchmarkCount: number
  facilities: ContractPageData['facilities']
}) {
  const p = { values, errors }
  return (
    <>
      <ErrorList errors={[...(errors.terms ?? []), ...(errors.responsibilities ?? [])]} />
      <h3>Bundle rates</h3>
      <ErrorList errors={errors.bundleRates} />
      {procedures.map((code, index) => (
        <fieldset key={code}>
          <legend>{code}</legend>
          <input type="hidden" name={`bundleRates[${index}].procedureCode`} value={code} />
          <input type="hidden" name={`bundleRates[${index}].sourceOfferId`} value={values[`bundleRates[${index}].sourceOfferId`]?.[0] ?? ''} />
          <ErrorList errors={errors[`bundleRates[${index}]`]} />
          <TextTerm name={`bundleRates[${index}].bundleDollars`} label={`Bundle rate for ${code} ($)`} {...p} />
          <CheckboxesTerm name={`bundleRates[${index}].includes`} legend="The bundle includes" options={pairs(BUNDLE_INCLUSIONS, INCLUSION_LABELS)} {...p} />
        </fieldset>
      ))}

      <h3>Warranty</h3>
      <TextTerm name="warranty.windowDays" label="Warranty window (days after discharge)" {...p} />
      <CheckboxesTerm name="warranty.covers" legend="The warranty covers" options={WARRANTY_COVERAGE.map((c) => [c, c] as const)} {...p} />

      <h3>Benchmarks</h3>
      <ErrorList errors={errors.benchmarks} />
      {Array.from({ length: benchmarkCount }, (_, index) => {
        const code = values[`benchmarks[${index}].procedureCode`]?.[0] ?? ''
        return (
          <fieldset key={`${code}-${index}`}>
            <legend>{code}</legend>
            <input type="hidden" name={`benchmarks[${index}].procedureCode`} value={code} />
            <SelectTerm name={`benchmarks[${index}].source`} label="Source" options={pairs(BENCHMARK_SOURCES, BENCHMARK_SOURCE_LABELS)} {...p} />
            <TextTerm name={`benchmarks[${index}].benchmarkDollars`} label={`Benchmark for ${code} ($)`} {...p} />
            <ErrorList errors={errors[`benchmarks[${index}].procedureCode`]} />
          </fieldset>
        )
      })}

      <h3>Attribution period</h3>
      <TextTerm name="attribution.periodStart" label="Period start" help="YYYY-MM-DD" {...p} />
      <TextTerm name="attribution.periodEnd" label="Period end" help="YYYY-MM-DD" {...p} />

      <h3>Quality goals</h3>
      <p className="field__help">A goal counts when its weight is filled in; weights add up to 1. Rates are percentages.</p>
      <ErrorList errors={errors.qualityGoals} />
      {QUALITY_MEASURE_CODES.map((measure) => (
        <fieldset key={measure}>
          <legend>{QUALITY_MEASURES[measure].label}</legend>
          <TextTerm name={`goals.${measure}.target`} label={`Target${QUALITY_MEASURES[measure].kind === 'rate' ? ' (%)' : ''}`} {...p} />
          <TextTerm name={`goals.${measure}.weight`} label="Weight (0–1)" {...p} />
        </fieldset>
      ))}
      <TextTerm name="qualityGate" label="Quality gate (minimum composite score, 0–1)" {...p} />

      <h3>Shared savings and risk</h3>
      <SelectTerm name="riskSharing.model" label="Risk model" options={pairs(RISK_MODELS, RISK_MODEL_LABELS)} {...p} />
      <TextTerm name="riskSharing.sharingRate" label="Sharing rate (%)" {...p} />
      <TextTerm name="riskSharing.downsideRate" label="Downside rate (%), two-sided only" {...p} />
      <TextTerm name="riskSharing.stopGainShare" label="Stop-gain (% of total benchmark)" {...p} />
      <TextTerm name="riskSharing.stopLossShare" label="Stop-loss (% of total benchmark), two-sided only" {...p} />
      <TextTerm name="riskSharing.outlierCap" label="Outlier cap (× benchmark)" {...p} />
      <TextTerm name="riskSharing.minimumEpisodes" label="Minimum episodes" {...p} />

      <h3>Access and network</h3>
      <TextTerm name="accessGuaranteeDays" label="First consult within (days)" {...p} />
      <CheckboxesTerm name="networkFacilityIds" legend="Facilities in the network" options={facilities.map((f) => [f.id, `${f.name}, ${f.place}`] as const)} {...p} />

      <h3>Data sharing</h3>
      <SelectTerm name="dataSharing.cadence" label="Cadence" options={CADENCES.map((c) => [c, c] as const)} {...p} />
      <CheckboxesTerm name="dataSharing.fields" legend="Fields shared" options={pairs(DATA_SHARING_FIELDS, DATA_SHARING_FIELD_LABELS)} {...p} />

      <h3>Division of responsibilities</h3>
      {ACTIVITIES.map((activity) => (
        <SelectTerm key={activity} name={`responsibilities.${activity}`} label={`Who does ${ACTIVITY_LABELS[activity]}`} options={pairs(PARTIES, PARTY_LABELS)} {...p} />
      ))}

      <h3>Reporting and recalibration</h3>
      <SelectTerm name="reporting.cadence" label="Reporting cadence" options={CADENCES.map((c) => [c, c] as const)} {...p} />
      <ReviewDatesTerm {...p} />
      <TextTerm name="recalibrationDate" label="Recalibration date" help="YYYY-MM-DD" {...p} />
    </>
  )
}
