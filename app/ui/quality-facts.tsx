import type { QualityMeasure } from '~/db/schema'
import type { NationalComparison } from '~/domain/quality'
import { formatDate } from './format'

export type MeasureView = Pick<QualityMeasure, 'measureCode' | 'value' | 'comparison' | 'denominator' | 'periodStart' | 'periodEnd' | 'source'>

/** What each CMS measure means, in plain words, and how to show its value. */
const MEASURES: Record<string, { label: string; help: string; format: (value: number) => string }> = {
  COMP_HIP_KNEE: {
    label: 'Complications after hip or knee replacement',
    help: 'Share of patients with a serious complication within 90 days. Lower is better.',
    format: (v) => `${v.toFixed(1)}%`,
  },
  READM_30_HIP_KNEE: {
    label: 'Back in hospital within 30 days after hip or knee replacement',
    help: 'Share of patients readmitted. Lower is better.',
    format: (v) => `${v.toFixed(1)}%`,
  },
  READM_30_HIP_KNEE_HRRP: {
    label: 'Excess readmission ratio, hip/knee (Medicare)',
    help: 'Readmissions compared with what Medicare expects for these patients: below 1 means fewer than expected.',
    format: (v) => v.toFixed(4),
  },
  MEDICARE_IP_DISCHARGES: {
    label: 'Medicare hospital stays in a year',
    help: 'All inpatient stays paid by Medicare, every condition: a sign of how busy the hospital is.',
    format: (v) => v.toLocaleString('en-US'),
  },
  MSPB_1: {
    label: 'Medicare spending per patient',
    help: "The hospital's Medicare spending around a stay compared with the national median (1.00). A cost signal, not a quality one.",
    format: (v) => v.toFixed(2),
  },
}

const COMPARISON_LABEL: Record<NationalComparison, string> = {
  better: 'Better than the nation',
  no_different: 'No different from the nation',
  worse: 'Worse than the nation',
  not_available: 'Not available',
}

function costIndexLabel(ratio: number): string {
  const percent = Math.round((ratio - 1) * 100)
  return percent === 0 ? 'At the national median' : `${Math.abs(percent)}% ${percent > 0 ? 'above' : 'below'} the national median`
}

/** The CMS facts themselves, each with its comparison, period and source (never only a score). */
export function QualityFacts({ measures }: { measures: readonly MeasureView[] }) {
  if (measures.length === 0) return <p className="empty">CMS publishes no hip/knee quality facts for this facility.</p>
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Measure</th>
            <th scope="col" className="num">Value</th>
            <th scope="col">Compared with the nation</th>
            <th scope="col">Period</th>
          </tr>
        </thead>
        <tbody>
          {measures.map((m) => {
            const meta = MEASURES[m.measureCode]
            return (
              <tr key={m.measureCode}>
                <th scope="row">
                  {meta?.label ?? m.measureCode}
                  <p className="muted small">{meta?.help}</p>
                  <p className="muted small">Source: {m.source}</p>
                </th>
                <td className="num">
                  {m.value === null ? 'Not available' : (meta?.format(m.value) ?? String(m.value))}
                  {m.denominator !== null && m.value !== null ? <p className="muted small">{m.denominator} patients</p> : null}
                </td>
                <td>
                  {m.measureCode === 'MEDICARE_IP_DISCHARGES' ? (
                    <span className="muted">No national comparison</span>
                  ) : m.measureCode === 'READM_30_HIP_KNEE_HRRP' && m.value !== null ? (
                    <span className={`verdict verdict--${m.comparison}`}>
                      {m.value < 1 ? 'Fewer than expected' : m.value > 1 ? 'More than expected' : 'As expected'}
                    </span>
                  ) : m.measureCode === 'MSPB_1' && m.value !== null ? (
                    <span className="verdict">{costIndexLabel(m.value)}</span>
                  ) : (
                    <span className={`verdict verdict--${m.comparison}`}>{COMPARISON_LABEL[m.comparison]}</span>
                  )}
                </td>
                <td>{m.periodStart ? `${formatDate(m.periodStart)} – ${formatDate(m.periodEnd)}` : 'Not stated'}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}

/** CMS's verdict against the nation as a labelled chip (unknown shows as "Not available"). */
export function ComparisonVerdict({ comparison, short = false }: { comparison: NationalComparison | null; short?: boolean }) {
  const value = comparison ?? 'not_available'
  return <span className={`verdict verdict--${value}`}>{short ? SHORT_LABEL[value] : COMPARISON_LABEL[value]}</span>
}

const SHORT_LABEL: Record<NationalComparison, string> = { better: 'Better', no_different: 'No different', worse: 'Worse', not_available: 'Not available' }
