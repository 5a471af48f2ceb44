import { useTranslation } from '~/i18n/use-translation'
import { LOW_VOLUME_PER_YEAR, type QualityRating } from '~/domain/quality'
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

/** The quality tier and the facts behind it, in words: "Top quality: 5 of 5 CMS stars, fewer complications than the nation, …". */
export function useQualityWords() {
  const { t } = useTranslation('care')
  return (quality: QualityRating): string => {
    const facts = [quality.starRating ? t('tier.stars', { stars: quality.starRating }) : t('tier.noStars')]
    if (quality.hipKneeMeasured) {
      facts.push(t(`tier.complication_${quality.complication}`), t(`tier.readmission_${quality.readmission}`))
      if (quality.excessReadmissionRatio !== null && quality.excessReadmissionRatio > 1) facts.push(t('tier.excess'))
    } else facts.push(t('tier.notMeasured'))
    if (quality.annualVolume !== null && quality.annualVolume < LOW_VOLUME_PER_YEAR) facts.push(t('tier.lowVolume', { min: LOW_VOLUME_PER_YEAR }))
    return t('tier.summary', { tier: t(`tier.${quality.tier}`), facts: facts.join(', ') })
  }
}

/** The headline quality of a center: its tier with the facts behind it, and its volume. */
export function QualitySummary({ quality }: { quality: QualityRating }) {
  const { t } = useTranslation('care')
  const format = useLocaleFormat()
  const words = useQualityWords()
  return (
    <div className="quality-summary">
      <p className={`quality-tier quality-tier--${quality.tier}`} data-tier={quality.tier}>
        {words(quality)}
      </p>
      {quality.annualVolume ? <p className="small muted">{t('quality.volume', { volume: format.count(quality.annualVolume) })}</p> : null}
    </div>
  )
}

/** How the tiers are decided (DESIGN §4), for members who want to know. */
export function QualityRule({ hipKneeMeasured }: { hipKneeMeasured: boolean }) {
  const { t } = useTranslation('care')
  return (
    <details className="quality-rule">
      <summary>{t('tier.ruleTitle')}</summary>
      <ul>
        <li>{t('tier.ruleTop')}</li>
        <li>{t('tier.ruleGood')}</li>
        <li>{t('tier.ruleAverage')}</li>
        <li>{t('tier.ruleNotEnough')}</li>
        <li>{t('tier.ruleMissing')}</li>
        {hipKneeMeasured ? null : <li>{t('tier.ruleHipKnee')}</li>}
      </ul>
    </details>
  )
}
