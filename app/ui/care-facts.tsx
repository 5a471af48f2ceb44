import type { NationalComparison } from '~/domain/quality'
import { ComparisonVerdict } from './quality-facts'

export interface BundleView {
  includesFacility: 0 | 1
  includesSurgeon: 0 | 1
  includesAnesthesia: 0 | 1
  includesImplant: 0 | 1
  includesFollowUp: 0 | 1
  followUpVisits: number
  warrantyDays: number
}

/** What the bundled price covers, in plain words. */
export function bundleIncludes(bundle: BundleView): string {
  const parts = [
    bundle.includesFacility ? 'hospital stay' : null,
    bundle.includesSurgeon ? 'surgeon' : null,
    bundle.includesAnesthesia ? 'anesthesia' : null,
    bundle.includesImplant ? 'implant' : null,
    bundle.includesFollowUp ? `${bundle.followUpVisits} follow-up ${bundle.followUpVisits === 1 ? 'visit' : 'visits'}` : null,
    bundle.warrantyDays > 0 ? `${bundle.warrantyDays}-day complication warranty` : null,
  ].filter(Boolean)
  return parts.length ? parts.join(', ') : 'not stated'
}

interface MeasureLite {
  measureCode: string
  comparison: string
}

/** The headline quality facts of a center: stars, complications and readmissions against the nation, volume. */
export function QualitySummary({ starRating, measures, annualVolume }: { starRating: number | null; measures: readonly MeasureLite[]; annualVolume: number | null }) {
  const comparison = (code: string) => (measures.find((m) => m.measureCode === code)?.comparison ?? 'not_available') as NationalComparison
  return (
    <ul className="quality-summary">
      <li>{starRating ? `${starRating} of 5 stars (CMS)` : 'No CMS star rating'}</li>
      <li>
        Complications: <ComparisonVerdict short comparison={comparison('COMP_HIP_KNEE')} />
      </li>
      <li>
        Back in hospital: <ComparisonVerdict short comparison={comparison('READM_30_HIP_KNEE')} />
      </li>
      {annualVolume ? <li>{annualVolume.toLocaleString('en-US')} of these operations a year</li> : null}
    </ul>
  )
}
