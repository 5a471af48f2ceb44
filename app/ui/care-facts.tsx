import { useTranslation } from '~/i18n/use-translation'
import type { NationalComparison } from '~/domain/quality'
import { ComparisonVerdict } from './quality-facts'
import { useLocaleFormat } from './use-locale-format'

export interface BundleView {
  includesFacility: 0 | 1
  includesSurgeon: 0 | 1
  includesAnesthesia: 0 | 1
  includesImplant: 0 | 1
  includesFollowUp: 0 | 1
  followUpVisits: number
  warrantyDays: number
}

/** What the bundled price covers, in plain words and the page's language. */
export function useBundleIncludes() {
  const { t } = useTranslation('care')
  return (bundle: BundleView): string => {
    const parts = [
      bundle.includesFacility ? t('bundle.facility') : null,
      bundle.includesSurgeon ? t('bundle.surgeon') : null,
      bundle.includesAnesthesia ? t('bundle.anesthesia') : null,
      bundle.includesImplant ? t('bundle.implant') : null,
      bundle.includesFollowUp ? t('bundle.followUp', { count: bundle.followUpVisits }) : null,
      bundle.warrantyDays > 0 ? t('bundle.warranty', { days: bundle.warrantyDays }) : null,
    ].filter(Boolean)
    return parts.length ? parts.join(', ') : t('bundle.notStated')
  }
}

interface MeasureLite {
  measureCode: string
  comparison: string
}

/** The headline quality facts of a center: stars, complications and readmissions against the nation, volume. */
export function QualitySummary({ starRating, measures, annualVolume }: { starRating: number | null; measures: readonly MeasureLite[]; annualVolume: number | null }) {
  const { t } = useTranslation('care')
  const format = useLocaleFormat()
  const comparison = (code: string) => (measures.find((m) => m.measureCode === code)?.comparison ?? 'not_available') as NationalComparison
  return (
    <ul className="quality-summary">
      <li>{starRating ? t('quality.stars', { stars: starRating }) : t('quality.noStars')}</li>
      <li>
        {t('quality.complications')} <ComparisonVerdict short comparison={comparison('COMP_HIP_KNEE')} />
      </li>
      <li>
        {t('quality.readmissions')} <ComparisonVerdict short comparison={comparison('READM_30_HIP_KNEE')} />
      </li>
      {annualVolume ? <li>{t('quality.volume', { volume: format.count(annualVolume) })}</li> : null}
    </ul>
  )
}
