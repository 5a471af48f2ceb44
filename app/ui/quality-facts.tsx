import type { QualityMeasure } from '~/db/schema'
import { parseFactSource } from '~/domain/cms/fact-source'
import type { NationalComparison } from '~/domain/quality'
import type { TFunction } from 'i18next'
import { useTranslation } from '~/i18n/use-translation'
import { useLocaleFormat } from './use-locale-format'
import { TableWrap } from './table-wrap'

export type MeasureView = Pick<QualityMeasure, 'measureCode' | 'value' | 'comparison' | 'denominator' | 'periodStart' | 'periodEnd' | 'source'>

/** How each CMS measure's value is written (labels and help are in app/i18n, care.facts). */
const FORMAT: Record<string, (value: number, locale: string) => string> = {
  COMP_HIP_KNEE: (v) => `${v.toFixed(1)}%`,
  READM_30_HIP_KNEE: (v) => `${v.toFixed(1)}%`,
  READM_30_HIP_KNEE_HRRP: (v) => v.toFixed(4),
  MEDICARE_IP_DISCHARGES: (v, locale) => v.toLocaleString(locale),
  MSPB_1: (v) => v.toFixed(2),
}

/** The CMS facts themselves, each with its comparison, period and source (never only a score). */
export function QualityFacts({ measures }: { measures: readonly MeasureView[] }) {
  const { t } = useTranslation('care')
  const format = useLocaleFormat()
  if (measures.length === 0) return <p className="empty">{t('facts.none')}</p>
  const costIndexLabel = (ratio: number) => {
    const percent = Math.round((ratio - 1) * 100)
    return percent === 0 ? t('facts.atMedian') : t(percent > 0 ? 'facts.above' : 'facts.below', { percent: Math.abs(percent) })
  }
  return (
    <TableWrap label={t('center.qualityTitle')}>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('facts.measure')}</th>
            <th scope="col" className="num">
              {t('facts.value')}
            </th>
            <th scope="col">{t('facts.compared')}</th>
            <th scope="col">{t('facts.period')}</th>
          </tr>
        </thead>
        <tbody>
          {measures.map((m) => {
            const known = m.measureCode in FORMAT
            return (
              <tr key={m.measureCode}>
                <th scope="row">
                  {known ? t(`facts.${m.measureCode}.label`) : m.measureCode}
                  {known ? <p className="muted small">{t(`facts.${m.measureCode}.help`)}</p> : null}
                  <p className="muted small">{sourceLine(t, m.source)}</p>
                </th>
                <td className="num">
                  {m.value === null ? t('facts.notAvailable') : (FORMAT[m.measureCode]?.(m.value, format.locale) ?? String(m.value))}
                  {m.denominator !== null && m.value !== null ? <p className="muted small">{t('facts.patients', { count: m.denominator })}</p> : null}
                </td>
                <td>
                  {m.measureCode === 'MEDICARE_IP_DISCHARGES' ? (
                    <span className="muted">{t('facts.noComparison')}</span>
                  ) : m.measureCode === 'READM_30_HIP_KNEE_HRRP' && m.value !== null ? (
                    <span className={`verdict verdict--${m.comparison}`}>{m.value < 1 ? t('facts.fewer') : m.value > 1 ? t('facts.more') : t('facts.asExpected')}</span>
                  ) : m.measureCode === 'MSPB_1' && m.value !== null ? (
                    <span className="verdict">{costIndexLabel(m.value)}</span>
                  ) : (
                    <span className={`verdict verdict--${m.comparison}`}>{comparisonLabel(t, m.comparison as NationalComparison, false)}</span>
                  )}
                </td>
                <td>{m.periodStart ? `${format.date(m.periodStart)} – ${m.periodEnd ? format.date(m.periodEnd) : ''}` : t('facts.notStated')}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </TableWrap>
  )
}

/** "Source: …" in the page's language: CMS's file title as it is, the portal's words about the copy or year translated. */
function sourceLine(t: TFunction<'care'>, source: string): string {
  const parts = parseFactSource(source)
  switch (parts.kind) {
    case 'release-copy':
      return t('facts.sourceReleaseCopy', { dataset: parts.dataset, release: parts.release })
    case 'fiscal-year':
      return t('facts.sourceFiscalYear', { dataset: parts.dataset, year: parts.year })
    case 'all-conditions':
      return t('facts.sourceAllConditions', { dataset: parts.dataset, year: parts.year })
    case 'file':
      return t('facts.source', { source: parts.dataset })
  }
}

function comparisonLabel(t: TFunction<'care'>, value: NationalComparison, short: boolean): string {
  if (value === 'not_available') return t('facts.notAvailable')
  if (!short) return t(`facts.${value}`)
  return t(value === 'better' ? 'facts.shortBetter' : value === 'worse' ? 'facts.shortWorse' : 'facts.shortNoDifferent')
}

/** CMS's verdict against the nation as a labelled chip (unknown shows as "Not available"). */
export function ComparisonVerdict({ comparison, short = false }: { comparison: NationalComparison | null; short?: boolean }) {
  const { t } = useTranslation('care')
  const value = comparison ?? 'not_available'
  return <span className={`verdict verdict--${value}`}>{comparisonLabel(t, value, short)}</span>
}
