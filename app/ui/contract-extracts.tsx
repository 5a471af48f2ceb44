import { formatCents } from '~/domain/money'
import { formatDate } from './format'

/*
 * Two small blocks of a contract's page (issue 21, ADR 0016 §4 and §10): copied bundle rates whose
 * offers changed since, and the data-sharing extracts both sides download.
 */

export interface RateWarningView {
  procedureCode: string
  rateCents: number
  offerPriceCents: number | null
  facilityName: string | null
  reason: 'price_changed' | 'withdrawn' | 'expired' | 'missing'
}

export interface ExtractWindowsView {
  cadence: 'monthly' | 'quarterly' | null
  windows: Array<{ key: string; from: string; to: string; isComplete: boolean }>
}

function warningText(warning: RateWarningView): string {
  const rate = formatCents(warning.rateCents)
  const at = warning.facilityName ? ` at ${warning.facilityName}` : ''
  switch (warning.reason) {
    case 'price_changed':
      return `${warning.procedureCode}: the contract rate is ${rate}; the offer it was copied from${at} is now ${formatCents(warning.offerPriceCents ?? 0)}.`
    case 'withdrawn':
      return `${warning.procedureCode}: the contract rate is ${rate}; the offer it was copied from${at} (now ${formatCents(warning.offerPriceCents ?? 0)}) has been withdrawn.`
    case 'expired':
      return `${warning.procedureCode}: the contract rate is ${rate}; the offer it was copied from${at} (${formatCents(warning.offerPriceCents ?? 0)}) has ended.`
    case 'missing':
      return `${warning.procedureCode}: the contract rate is ${rate}; the offer it was copied from is no longer one of the health system's.`
  }
}

/** Copied rates that no longer match their offers; the rate written in the contract is what counts. */
export function RateWarnings({ warnings, isSigned }: { warnings: readonly RateWarningView[]; isSigned: boolean }) {
  if (warnings.length === 0) return null
  return (
    <section className="card notice" aria-labelledby="rate-warnings-heading" role="note">
      <h2 id="rate-warnings-heading">Offers changed since their rates were copied</h2>
      <ul>
        {warnings.map((warning) => (
          <li key={`${warning.procedureCode}-${warning.reason}`}>{warningText(warning)}</li>
        ))}
      </ul>
      <p className="muted">
        {isSigned
          ? "The signed rate stays in force: an offer's later price never changes a signed version. To change a rate, start a new version; both sides sign it again."
          : "The rate written in these terms is the one both sides sign, whatever the offer's price becomes: change it above before signing if the new price should apply. A signed rate stays in force."}
      </p>
    </section>
  )
}

/** The extract windows of a signed contract, each as CSV, JSON and a FHIR R4 bundle; every download is recorded in the audit log. */
export function ContractExtracts({ extracts, basePath }: { extracts: ExtractWindowsView; basePath: string }) {
  return (
    <section aria-labelledby="extracts-heading">
      <h2 id="extracts-heading">Data-sharing extracts</h2>
      {extracts.cadence === null ? (
        <p className="muted">Extracts start once both sides have signed a version.</p>
      ) : extracts.windows.length === 0 ? (
        <p className="muted">The attribution period has not started yet: the first {extracts.cadence === 'monthly' ? 'monthly' : 'quarterly'} extract appears when it does.</p>
      ) : (
        <>
          <p className="muted">
            {extracts.cadence === 'monthly' ? 'Monthly' : 'Quarterly'}: the episodes attributed in each window, with only the fields the contract names and
            members as pseudonyms that stay the same within this contract. FHIR is an R4 bundle of the same episodes (Patient by pseudonym only,
            Procedure, Encounter). Each download is recorded.
          </p>
          <ul>
            {extracts.windows.map((window) => (
              <li key={window.key}>
                {window.key} ({formatDate(window.from)} to {formatDate(window.to)}
                {window.isComplete ? '' : ', so far'}): <a href={`${basePath}/extracts/${window.key}.csv`}>CSV</a> ·{' '}
                <a href={`${basePath}/extracts/${window.key}.json`}>JSON</a> ·{' '}
                <a href={`${basePath}/extracts/${window.key}.fhir.json`}>FHIR</a>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}
