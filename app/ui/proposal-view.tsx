import type { ReactNode } from 'react'
import { formatCents } from '~/domain/money'
import type { ProposalScenario, ProposalSnapshot } from '~/domain/proposals/proposal'
import { formatCount, formatDate, formatPercent } from './format'
import { TableWrap } from './table-wrap'

const money = (cents: number) => formatCents(cents, { wholeDollars: true })
const cases = (n: number) => n.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })

interface Row {
  label: string
  /** The value used to find the best column; null: not compared. */
  value: (s: ProposalScenario) => number | null
  show: (s: ProposalScenario) => ReactNode
  better?: 'higher' | 'lower'
}

function rowsFor(scenarios: readonly ProposalScenario[]): Row[] {
  const codes = [...new Set(scenarios.flatMap((s) => s.metrics.access.map((a) => a.code)))]
  return [
    { label: 'Procedures', value: () => null, show: (s) => s.procedures.map((p) => p.code).join(', ') || 'None' },
    { label: 'Centers in the network', value: (s) => s.centerCount, show: (s) => s.centerCount },
    { label: 'Expected cases a year', value: () => null, show: (s) => cases(s.metrics.expectedCases) },
    { label: 'Cases in the program', value: (s) => s.metrics.programCases, show: (s) => cases(s.metrics.programCases), better: 'higher' },
    { label: 'Spend without the program', value: () => null, show: (s) => money(s.metrics.spendWithoutProgramCents) },
    { label: 'Spend with the program', value: (s) => s.metrics.spendWithProgramCents, show: (s) => money(s.metrics.spendWithProgramCents), better: 'lower' },
    { label: 'Net savings', value: (s) => s.metrics.netSavingsCents, show: (s) => money(s.metrics.netSavingsCents), better: 'higher' },
    { label: 'Savings %', value: (s) => s.metrics.savingsRate, show: (s) => (s.metrics.savingsRate === null ? '—' : formatPercent(s.metrics.savingsRate, 1)), better: 'higher' },
    {
      label: 'Member pays per program case',
      value: (s) => s.metrics.memberCostPerCaseCents,
      show: (s) => (s.metrics.memberCostPerCaseCents === null ? '—' : money(s.metrics.memberCostPerCaseCents)),
      better: 'lower',
    },
    ...codes.map<Row>((code) => ({
      label: `${code}: members within 50 / 100 / 250 mi`,
      value: (s) => s.metrics.access.find((a) => a.code === code)?.within100 ?? null,
      show: (s) => {
        const a = s.metrics.access.find((x) => x.code === code)
        return a ? `${formatPercent(a.within50)} / ${formatPercent(a.within100)} / ${formatPercent(a.within250)}` : 'Not covered'
      },
      better: 'higher',
    })),
    {
      label: 'Average CMS stars of the centers',
      value: (s) => s.metrics.quality.averageStars,
      show: (s) => (s.metrics.quality.averageStars === null ? 'Not rated' : s.metrics.quality.averageStars.toFixed(1)),
      better: 'higher',
    },
    {
      label: 'Centers better than the nation on complications',
      value: (s) => s.metrics.quality.betterComplicationShare,
      show: (s) => formatPercent(s.metrics.quality.betterComplicationShare),
      better: 'higher',
    },
    {
      label: 'Centers better than the nation on readmissions',
      value: (s) => s.metrics.quality.betterReadmissionShare,
      show: (s) => formatPercent(s.metrics.quality.betterReadmissionShare),
      better: 'higher',
    },
  ]
}

/** The best column of a row, or null when the row is not compared or all scenarios tie. */
function bestIndex(row: Row, scenarios: readonly ProposalScenario[]): number | null {
  if (!row.better || scenarios.length < 2) return null
  const values = scenarios.map(row.value)
  const known = values.filter((v): v is number => v !== null)
  if (known.length < 2 || known.every((v) => v === known[0])) return null
  const best = row.better === 'higher' ? Math.max(...known) : Math.min(...known)
  return values.indexOf(best)
}

/** Scenarios side by side; the best value of each compared row is marked (text, not only colour). */
export function ScenarioComparison({ scenarios }: { scenarios: readonly ProposalScenario[] }) {
  const rows = rowsFor(scenarios)
  return (
    <TableWrap label="Scenarios compared">
      <table className="table comparison">
        <caption className="visually-hidden">Scenarios compared; the best value in each row is marked “best”.</caption>
        <thead>
          <tr>
            <th scope="col">Figure</th>
            {scenarios.map((s) => (
              <th scope="col" key={s.id} className="num">
                {s.name}
                {s.isRecommended ? <span className="badge badge--published">Recommended</span> : null}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const best = bestIndex(row, scenarios)
            return (
              <tr key={row.label}>
                <th scope="row">{row.label}</th>
                {scenarios.map((s, i) => (
                  <td key={s.id} className={`num${best === i ? ' comparison__best' : ''}`}>
                    {row.show(s)}
                    {best === i ? <span className="comparison__mark"> best</span> : null}
                  </td>
                ))}
              </tr>
            )
          })}
        </tbody>
      </table>
    </TableWrap>
  )
}

/** The proposal as the client reads it and as it prints. */
export function ProposalDocument({ snapshot }: { snapshot: ProposalSnapshot }) {
  return (
    <article className="proposal" aria-labelledby="proposal-title">
      <header>
        <h1 id="proposal-title">{snapshot.title}</h1>
        <p className="lead">
          Prepared by {snapshot.brokerName} for {snapshot.clientName} on {formatDate(snapshot.createdAt)} · {formatCount(snapshot.coveredMembers)} covered members
        </p>
      </header>
      <ScenarioComparison scenarios={snapshot.scenarios} />
      <div className="grid-2">
        {snapshot.scenarios.map((s) => (
          <section className="card" key={s.id} aria-labelledby={`rules-${s.id}`}>
            <h2 id={`rules-${s.id}`}>
              {s.name}
              {s.isRecommended ? ' (recommended)' : ''}
            </h2>
            <ul>
              {[...s.benefitLines, ...s.travelLines].map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </section>
        ))}
      </div>
      <section className="card" aria-labelledby="assumptions-heading">
        <h2 id="assumptions-heading">Assumptions</h2>
        <ul>
          {snapshot.assumptions.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        <h2>Sources</h2>
        <ul>
          {snapshot.sources.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </section>
    </article>
  )
}
