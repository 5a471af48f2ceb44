import type { ReactNode } from 'react'
import { formatCents } from '~/domain/money'
import { designGroups, type DesignRow } from '~/domain/proposals/design'
import { memberCostWords } from '~/domain/proposals/member-cost'
import type { ProposalMap, ProposalScenario, ProposalSnapshot } from '~/domain/proposals/proposal'
import { executiveSummary } from '~/domain/proposals/summary'
import { formatCount, formatDate, formatPercent } from './format'
import { NetworkMap, type NetworkMapData } from './network-map'
import { SpendChart } from './spend-chart'
import { TableWrap } from './table-wrap'

const money = (cents: number) => formatCents(cents, { wholeDollars: true })
const cases = (n: number) => n.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })

interface Row {
  label: ReactNode
  key: string
  /** The value used to find the best column; null: not compared. */
  value: (s: ProposalScenario) => number | null
  show: (s: ProposalScenario) => ReactNode
  better?: 'higher' | 'lower'
}

/** The network rows of proposals frozen before the design rows existed. */
const OLD_NETWORK_ROWS: Row[] = [
  { key: 'procedures', label: 'Procedures', value: () => null, show: (s) => s.procedures.map((p) => p.name).join(', ') || 'None' },
  { key: 'centers', label: 'Centers in the network', value: () => null, show: (s) => s.centerCount },
]

function figureRows(scenarios: readonly ProposalScenario[], memberCostHref: string | undefined, withDesign: boolean): Row[] {
  const names = new Map(scenarios.flatMap((s) => s.procedures.map((p) => [p.code, p.name] as const)))
  const codes = [...new Set(scenarios.flatMap((s) => s.metrics.access.map((a) => a.code)))]
  return [
    ...(withDesign ? [] : OLD_NETWORK_ROWS),
    { key: 'expected', label: 'Expected cases a year', value: () => null, show: (s) => cases(s.metrics.expectedCases) },
    { key: 'program', label: 'Cases in the program', value: (s) => s.metrics.programCases, show: (s) => cases(s.metrics.programCases), better: 'higher' },
    { key: 'without', label: 'Spend without the program', value: () => null, show: (s) => money(s.metrics.spendWithoutProgramCents) },
    { key: 'with', label: 'Spend with the program', value: (s) => s.metrics.spendWithProgramCents, show: (s) => money(s.metrics.spendWithProgramCents), better: 'lower' },
    { key: 'net', label: 'Net savings', value: (s) => s.metrics.netSavingsCents, show: (s) => money(s.metrics.netSavingsCents), better: 'higher' },
    { key: 'rate', label: 'Savings %', value: (s) => s.metrics.savingsRate, show: (s) => (s.metrics.savingsRate === null ? '—' : formatPercent(s.metrics.savingsRate, 1)), better: 'higher' },
    {
      key: 'member',
      label: (
        <>
          Member pays per program case (average)
          {memberCostHref ? (
            <>
              {' '}
              <a href={memberCostHref} className="small">
                how it is counted
              </a>
            </>
          ) : null}
        </>
      ),
      value: (s) => s.metrics.memberCostPerCaseCents,
      show: (s) => (s.metrics.memberCostPerCaseCents === null ? '—' : money(s.metrics.memberCostPerCaseCents)),
      better: 'lower',
    },
    ...codes.map<Row>((code) => ({
      key: `access-${code}`,
      label: `${names.get(code) ?? code}: members within 50 / 100 / 250 mi`,
      value: (s) => s.metrics.access.find((a) => a.code === code)?.within100 ?? null,
      show: (s) => {
        const a = s.metrics.access.find((x) => x.code === code)
        return a ? `${formatPercent(a.within50)} / ${formatPercent(a.within100)} / ${formatPercent(a.within250)}` : 'Not covered'
      },
      better: 'higher',
    })),
    {
      key: 'stars',
      label: 'Average CMS stars of the centers',
      value: (s) => s.metrics.quality.averageStars,
      show: (s) => (s.metrics.quality.averageStars === null ? 'Not rated' : s.metrics.quality.averageStars.toFixed(1)),
      better: 'higher',
    },
    {
      key: 'complications',
      label: 'Centers better than the nation on complications',
      value: (s) => s.metrics.quality.betterComplicationShare,
      show: (s) => formatPercent(s.metrics.quality.betterComplicationShare),
      better: 'higher',
    },
    {
      key: 'readmissions',
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

function GroupHeading({ title, span }: { title: string; span: number }) {
  return (
    <tr className="comparison__group">
      <th scope="colgroup" colSpan={span}>
        {title}
      </th>
    </tr>
  )
}

/** A design value; the centers row lists them, marking those not in every compared scenario. */
function DesignCell({ row, index }: { row: DesignRow; index: number }) {
  const items = row.items?.[index]
  if (!items) return <>{row.values[index]}</>
  const everywhere = (name: string) => row.items!.every((list) => list.includes(name))
  return (
    <details className="comparison__list">
      <summary>{row.values[index]}</summary>
      <ul>
        {items.map((name) => (
          <li key={name}>
            {name}
            {row.differs && !everywhere(name) ? <span className="comparison__only"> (not in every scenario)</span> : null}
          </li>
        ))}
      </ul>
    </details>
  )
}

/**
 * Scenarios side by side: the projected figures (the best value of each marked "best") and the
 * design rows (benefit and travel rules, procedures, centers), where a row whose scenarios differ
 * is marked "differs" in words and colour.
 */
export function ScenarioComparison({ scenarios, memberCostHref }: { scenarios: readonly ProposalScenario[]; memberCostHref?: string }) {
  const groups = designGroups(scenarios)
  const figures = figureRows(scenarios, memberCostHref, groups.length > 0)
  const span = scenarios.length + 1
  return (
    <TableWrap label="Scenarios compared">
      <table className="table comparison">
        <caption className="visually-hidden">
          Scenarios compared: projected figures, where the best value in each row is marked “best”, then the design rules, where each row whose scenarios differ is
          marked “differs”.
        </caption>
        <thead>
          <tr>
            <th scope="col">Figure or rule</th>
            {scenarios.map((s) => (
              <th scope="col" key={s.id} className="num">
                {s.name}
                {s.isRecommended ? <span className="badge badge--published">Recommended</span> : null}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <GroupHeading title="Projected a year" span={span} />
          {figures.map((row) => {
            const best = bestIndex(row, scenarios)
            return (
              <tr key={row.key}>
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
        {groups.map((group) => (
          <tbody key={group.title}>
            <GroupHeading title={group.title} span={span} />
            {group.rows.map((row) => (
              <tr key={row.label} className={row.differs ? 'comparison__differs' : undefined}>
                <th scope="row">
                  {row.label}
                  {row.differs ? (
                    <>
                      {' '}
                      <span className="badge badge--differs">differs</span>
                    </>
                  ) : null}
                </th>
                {scenarios.map((s, i) => (
                  <td key={s.id}>
                    <DesignCell row={row} index={i} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </TableWrap>
  )
}

/** How the per-case member cost is counted, for each scenario, with the plans it weights. */
export function MemberCostExplained({ scenarios, id = 'member-cost' }: { scenarios: readonly ProposalScenario[]; id?: string }) {
  const words = scenarios.map((s) => memberCostWords(s))
  return (
    <section className="card" id={id} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>What members pay per program case</h2>
      <p>{words[0]?.how[0]}</p>
      <div className="grid-2">
        {scenarios.map((s, i) => (
          <div key={s.id}>
            <h3>
              {s.name}: {s.metrics.memberCostPerCaseCents === null ? 'no program case' : `${money(s.metrics.memberCostPerCaseCents)} a case on average`}
            </h3>
            {words[i]!.how.slice(1).map((line) => (
              <p key={line}>{line}</p>
            ))}
            {words[i]!.byPlan.length ? (
              <ul>
                {words[i]!.byPlan.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            ) : null}
          </div>
        ))}
      </div>
    </section>
  )
}

/** A scenario's centers on the members map, in the shape of the network picker's map. */
function scenarioMap(map: ProposalMap, statesPath: string, scenario: ProposalScenario): NetworkMapData {
  return {
    width: map.width,
    height: map.height,
    statesPath,
    centers: scenario.centers.flatMap((c) => (c.x === null || c.y === null ? [] : [{ id: c.facilityId, x: c.x, y: c.y, name: c.name, city: c.city, state: c.state, isChosen: true }])),
    members: map.members.map((m, i) => ({ id: String(i), ...m })),
  }
}

/** One map per scenario (members and its centers), each with its centers listed: the list is the accessible source. */
export function ScenarioMaps({ scenarios, map, statesPath }: { scenarios: readonly ProposalScenario[]; map: ProposalMap; statesPath: string }) {
  return (
    <div className="grid-2">
      {scenarios.map((s) => (
        <section className="card" key={s.id} aria-labelledby={`map-${s.id}`}>
          <h2 id={`map-${s.id}`}>{s.name}: members and centers</h2>
          <NetworkMap map={scenarioMap(map, statesPath, s)} caption="Blue circles: where the client's members live, by ZIP (bigger = more members). Pins: this scenario's centers." />
          {s.centers.length ? (
            <details>
              <summary>
                {s.centers.length} {s.centers.length === 1 ? 'center' : 'centers'}
              </summary>
              <ul>
                {s.centers.map((c) => (
                  <li key={c.facilityId}>
                    {c.name}, {c.city}, {c.state}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </section>
      ))}
    </div>
  )
}

function ExecutiveSummary({ snapshot }: { snapshot: ProposalSnapshot }) {
  return (
    <section className="card proposal__summary" aria-labelledby="summary-heading">
      <h2 id="summary-heading">Executive summary</h2>
      <dl className="proposal__facts">
        {executiveSummary(snapshot).map((block) => (
          <div key={block.label}>
            <dt>{block.label}</dt>
            {block.lines.map((line) => (
              <dd key={line}>{line}</dd>
            ))}
          </div>
        ))}
      </dl>
    </section>
  )
}

/** The proposal as the client reads it and as it prints. */
export function ProposalDocument({ snapshot, statesPath }: { snapshot: ProposalSnapshot; statesPath: string }) {
  const hasDesign = snapshot.scenarios.every((s) => s.design !== null)
  return (
    <article className="proposal" aria-labelledby="proposal-title">
      <header>
        <h1 id="proposal-title">{snapshot.title}</h1>
        <p className="lead">
          Prepared by {snapshot.brokerName} for {snapshot.clientName} on {formatDate(snapshot.createdAt)} · {formatCount(snapshot.coveredMembers)} covered members
        </p>
        {snapshot.brokerContact ? (
          <p>
            Your contact: {snapshot.brokerContact.name}, {snapshot.brokerName} ·{' '}
            <a href={`mailto:${snapshot.brokerContact.email}`}>{snapshot.brokerContact.email}</a>
          </p>
        ) : null}
      </header>
      <ExecutiveSummary snapshot={snapshot} />
      <section className="card" aria-labelledby="spend-heading">
        <h2 id="spend-heading">Spend a year, without and with the program</h2>
        <SpendChart
          title="Spend a year by scenario"
          bars={snapshot.scenarios.map((s) => ({ label: s.name, withoutCents: s.metrics.spendWithoutProgramCents, withCents: s.metrics.spendWithProgramCents }))}
        />
      </section>
      <section aria-labelledby="comparison-heading">
        <h2 id="comparison-heading">Scenarios compared</h2>
        <ScenarioComparison scenarios={snapshot.scenarios} memberCostHref={hasDesign ? '#member-cost' : undefined} />
      </section>
      {hasDesign ? <MemberCostExplained scenarios={snapshot.scenarios} /> : null}
      {snapshot.map ? <ScenarioMaps scenarios={snapshot.scenarios} map={snapshot.map} statesPath={statesPath} /> : null}
      {hasDesign ? null : (
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
      )}
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
