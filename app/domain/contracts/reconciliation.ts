import { formatCents } from '~/domain/money'
import { formatRate, formatScore, formatTarget, QUALITY_MEASURES, type ContractTerms, type GoalDirection, type QualityMeasure } from './terms'

/** The terms a reconciliation reads (a contract version's terms document satisfies it). */
export type ReconciliationTerms = Pick<ContractTerms, 'riskSharing' | 'qualityGoals' | 'qualityGate'>

/** What was recorded about an episode's outcome; null when it was never recorded. */
export interface EpisodeOutcomes {
  /** A complication within 90 days of the procedure. */
  hadComplication90d: boolean | null
  /** A readmission within 30 days of discharge. */
  wasReadmitted30d: boolean | null
  /** Satisfaction, 0–10. */
  satisfaction: number | null
  /** The member answered the patient-reported outcome survey. */
  hasPatientReportedOutcomes: boolean
  /** Days from the request to the first consult. */
  daysToFirstConsult: number | null
}

/** One attributed episode as frozen at period close (integer cents). */
export interface AttributedEpisode {
  caseId: string
  procedureCode: string
  /** The contract's benchmark for this episode's procedure. */
  benchmarkCents: number
  bundleCents: number
  /** Travel actually paid, not the estimate. */
  travelPaidCents: number
  incentiveCents: number
  /** Other claims of the episode within the warranty window (care elsewhere, related or not). */
  otherClaimsCents: number
  /** What the center credited back under the warranty for care elsewhere. */
  warrantyCreditCents: number
  outcomes: EpisodeOutcomes
}

/** An episode on the statement: its spend before and after the outlier cap, and its savings. */
export interface EpisodeLine extends Omit<AttributedEpisode, 'outcomes'> {
  /** Aᵢ = bundle + travel + incentive + other claims − warranty credits. */
  actualSpendCents: number
  /** k × Bench_p, rounded half up to the cent. */
  outlierCapCents: number
  /** min(Aᵢ, k × Bench_p): what the savings count. */
  countedSpendCents: number
  isTruncated: boolean
  /** Bench_p − counted Aᵢ (negative when the episode cost more than its benchmark). */
  savingsCents: number
}

/** A goal on the statement, with its measured value over the period's episodes. */
export interface GoalResult {
  measure: QualityMeasure
  label: string
  direction: GoalDirection
  target: number
  weight: number
  /** Rates as a share 0–1, satisfaction and days as means; null when no episode recorded it. */
  measuredValue: number | null
  /** Episodes with the event (rates) or the sum of the values (means). */
  numerator: number
  /** Episodes the value is measured over. */
  denominator: number
  isMet: boolean
  explanation: string
}

export type StepKey =
  | 'episodes'
  | 'total_benchmark'
  | 'actual_spend'
  | 'outlier_cap'
  | 'gross_savings'
  | 'quality'
  | 'quality_gate'
  | 'shared_savings'
  | 'stop_gain'
  | 'shared_loss'
  | 'stop_loss'
  | 'settlement'

/** One step of the formula with its numbers and what it means. */
export interface FormulaStep {
  key: StepKey
  label: string
  /** The step with its numbers: "s × Q × S = 50% × 1 × $14,000.00 = $7,000.00". */
  calculation: string
  explanation: string
  /** The step's amount when it is money. */
  cents: number | null
}

export type SettlementOutcome =
  | 'below_minimum_episodes'
  | 'no_episodes'
  | 'quality_gate_not_met'
  | 'shared_savings'
  | 'shared_savings_at_stop_gain'
  | 'loss_not_shared'
  | 'shared_loss'
  | 'shared_loss_at_stop_loss'

export interface ReconciliationStatement {
  episodes: EpisodeLine[]
  episodeCount: number
  minimumEpisodes: number
  /** Σ Bench_p over the episodes. */
  totalBenchmarkCents: number
  /** Σ Aᵢ before the outlier cap. */
  totalActualSpendCents: number
  /** Σ Aᵢ after the outlier cap. */
  totalCountedSpendCents: number
  /** S = Σ (Bench_p − counted Aᵢ). */
  grossSavingsCents: number
  goals: GoalResult[]
  /** Q = Σ weight × met, 0–1 (computed exactly; this is its nearest number). */
  compositeScore: number
  qualityGate: number
  isGateMet: boolean
  steps: FormulaStep[]
  /** Positive: paid by the purchaser to the center. Negative: paid by the center to the purchaser. */
  settlementCents: number
  paidBy: 'purchaser' | 'center' | null
  outcome: SettlementOutcome
  reason: string
}

/**
 * Reconciles a closed period of a contract (DESIGN §11, ADR 0015). Inputs are frozen at period
 * close; the same inputs always give the same statement, which both sides see.
 *
 * For each episode i of procedure p: Aᵢ = bundle + travel paid + incentive + other claims within W
 * − warranty credits, counted at most k × Bench_p; S = Σ (Bench_p − counted Aᵢ). Each goal is met
 * (1) or not (0) on the period's episodes; Q = Σ weight × met. n < n₀: settlement 0 (the period
 * carries forward). Else S ≥ 0: Q ≥ gate ? min(s × Q × S, G × Σ Bench) : 0, paid by the purchaser;
 * S < 0 and two-sided: −min(l × |S|, L × Σ Bench), paid by the center; one-sided: 0.
 *
 * Rounding: every rate, weight, share, target and cap is read as the exact decimal it is written
 * as (0.7 is 7/10, not the nearest binary fraction), and each product is computed exactly; each
 * amount shown as a step on the statement (k × Bench_p, s × Q × S, G × Σ Bench, l × |S|,
 * L × Σ Bench) is rounded half up to the cent once, and the later steps use that rounded amount.
 * Sums and differences of cents are exact. So 50% × 1 × $123.45 is $61.73 (6,172.5 cents → 6,173),
 * and weights 0.7 + 0.1 reach a gate of 0.8.
 *
 * Goals: "lower is better" is met when the measured value is at most the target, "higher is
 * better" when it is at least the target (at the target counts as met). Complication and
 * readmission rates are shares of the episodes with the outcome recorded, satisfaction and days to
 * first consult are means of the recorded values, and the patient-reported-outcomes share is over
 * all episodes. A goal no episode measured is not met: missing data never helps.
 */
export function reconcilePeriod(terms: ReconciliationTerms, episodes: readonly AttributedEpisode[]): ReconciliationStatement {
  const sharing = terms.riskSharing
  const outlierCap = decimal(sharing.outlierCap)

  const lines: EpisodeLine[] = episodes.map(({ outcomes: _outcomes, ...episode }) => {
    const actualSpendCents = episode.bundleCents + episode.travelPaidCents + episode.incentiveCents + episode.otherClaimsCents - episode.warrantyCreditCents
    const outlierCapCents = roundHalfUpToCent(times(outlierCap, episode.benchmarkCents))
    const countedSpendCents = Math.min(actualSpendCents, outlierCapCents)
    return {
      ...episode,
      actualSpendCents,
      outlierCapCents,
      countedSpendCents,
      isTruncated: countedSpendCents < actualSpendCents,
      savingsCents: episode.benchmarkCents - countedSpendCents,
    }
  })
  const sum = (pick: (line: EpisodeLine) => number) => lines.reduce((total, line) => total + pick(line), 0)
  const n = lines.length
  const totalBenchmarkCents = sum((line) => line.benchmarkCents)
  const totalActualSpendCents = sum((line) => line.actualSpendCents)
  const totalCountedSpendCents = sum((line) => line.countedSpendCents)
  const grossSavingsCents = sum((line) => line.savingsCents)

  const goals = terms.qualityGoals.map((goal) => measureGoal(goal, episodes))
  const q = goals.reduce((total, goal) => (goal.isMet ? add(total, decimal(goal.weight)) : total), ZERO)
  const gate = decimal(terms.qualityGate)
  const isGateMet = compare(q, gate) >= 0
  const qText = formatScore(toNumber(q))

  const truncated = lines.filter((line) => line.isTruncated)
  const steps: FormulaStep[] = [
    {
      key: 'episodes',
      label: 'Attributed episodes',
      calculation: `n = ${n}; minimum n₀ = ${sharing.minimumEpisodes}`,
      explanation:
        n >= sharing.minimumEpisodes
          ? `${countOf(n, 'episode')} attributed to the contract in this period, at least the ${sharing.minimumEpisodes} the contract needs for anything to settle.`
          : `${countOf(n, 'episode')} attributed to the contract in this period, fewer than the ${sharing.minimumEpisodes} the contract needs for anything to settle.`,
      cents: null,
    },
    {
      key: 'total_benchmark',
      label: 'Total benchmark',
      calculation: `Σ Bench = ${formatCents(totalBenchmarkCents)}`,
      explanation: "The sum of each episode's benchmark for its procedure: what these episodes would have cost at the agreed benchmarks.",
      cents: totalBenchmarkCents,
    },
    {
      key: 'actual_spend',
      label: 'Actual spend',
      calculation: `Σ A = ${formatCents(totalActualSpendCents)}`,
      explanation: 'For each episode: bundle + travel actually paid + incentive + other claims within the warranty window − warranty credits.',
      cents: totalActualSpendCents,
    },
    {
      key: 'outlier_cap',
      label: 'Outlier cap',
      calculation: `k = ${formatScore(sharing.outlierCap)}; counted Σ A = ${formatCents(totalCountedSpendCents)}`,
      explanation:
        truncated.length === 0
          ? `No episode cost more than ${formatScore(sharing.outlierCap)} × its benchmark, so every episode counts in full.`
          : `${countOf(truncated.length, 'episode')} cost more than ${formatScore(sharing.outlierCap)} × its benchmark and ${truncated.length === 1 ? 'counts' : 'count'} at that cap: ${formatCents(totalActualSpendCents - totalCountedSpendCents)} of actual spend is left out.`,
      cents: totalCountedSpendCents,
    },
    {
      key: 'gross_savings',
      label: 'Gross savings',
      calculation: `S = Σ Bench − counted Σ A = ${formatCents(totalBenchmarkCents)} − ${formatCents(totalCountedSpendCents)} = ${formatCents(grossSavingsCents)}`,
      explanation:
        grossSavingsCents >= 0
          ? 'The episodes cost less than their benchmarks (or exactly as much): these are the savings to share.'
          : 'The episodes cost more than their benchmarks: this is a loss.',
      cents: grossSavingsCents,
    },
    {
      key: 'quality',
      label: 'Composite quality',
      calculation: `Q = ${goals.length === 0 ? '0' : goals.map((goal) => `${formatScore(goal.weight)} × ${goal.isMet ? 1 : 0}`).join(' + ')} = ${qText}`,
      explanation: `Each goal counts its weight when met and nothing when not: ${goals.filter((goal) => goal.isMet).length} of ${goals.length} ${goals.length === 1 ? 'goal' : 'goals'} met.`,
      cents: null,
    },
  ]

  const base = {
    episodes: lines,
    episodeCount: n,
    minimumEpisodes: sharing.minimumEpisodes,
    totalBenchmarkCents,
    totalActualSpendCents,
    totalCountedSpendCents,
    grossSavingsCents,
    goals,
    compositeScore: toNumber(q),
    qualityGate: terms.qualityGate,
    isGateMet,
  }
  /** The statement with the steps so far, the `more` steps of the branch taken, and the settlement as the last step. */
  const settle = (outcome: SettlementOutcome, settlementCents: number, reason: string, more: FormulaStep[] = [], calculation = formatCents(settlementCents)): ReconciliationStatement => {
    const paidBy = settlementCents > 0 ? 'purchaser' : settlementCents < 0 ? 'center' : null
    const settlementStep: FormulaStep = { key: 'settlement', label: 'Settlement', calculation, explanation: reason, cents: settlementCents }
    return { ...base, steps: [...steps, ...more, settlementStep], settlementCents, paidBy, outcome, reason }
  }

  if (n < sharing.minimumEpisodes) {
    return settle('below_minimum_episodes', 0, `Fewer than the minimum episodes (${n} of ${sharing.minimumEpisodes}): nothing settles, the period carries forward.`)
  }
  if (n === 0) return settle('no_episodes', 0, 'No attributed episodes: there is nothing to settle.')

  if (grossSavingsCents >= 0) {
    const gateStep: FormulaStep = {
      key: 'quality_gate',
      label: 'Quality gate',
      calculation: `Q ${qText} ${isGateMet ? '≥' : '<'} gate ${formatScore(terms.qualityGate)}`,
      explanation: isGateMet ? 'The quality gate is met: the savings are shared.' : 'The quality gate is not met: the savings are not shared.',
      cents: null,
    }
    if (!isGateMet) {
      return settle('quality_gate_not_met', 0, `The quality gate is not met (Q ${qText} below ${formatScore(terms.qualityGate)}): no shared savings.`, [gateStep])
    }
    const sharedCents = roundHalfUpToCent(times(multiply(decimal(sharing.sharingRate), q), grossSavingsCents))
    const stopGainCents = roundHalfUpToCent(times(decimal(sharing.stopGainShare), totalBenchmarkCents))
    const settlementCents = Math.min(sharedCents, stopGainCents)
    const isCapped = stopGainCents < sharedCents
    return settle(
      isCapped ? 'shared_savings_at_stop_gain' : 'shared_savings',
      settlementCents,
      isCapped
        ? `Shared savings reach the stop-gain: the purchaser pays the center ${formatCents(settlementCents)}, ${formatRate(sharing.stopGainShare)} of the total benchmark.`
        : settlementCents > 0
          ? `The purchaser pays the center ${formatCents(settlementCents)}: its ${formatRate(sharing.sharingRate)} share of the savings at quality ${qText}.`
          : 'Nothing to share: the savings share comes to $0.00.',
      [
        gateStep,
        {
          key: 'shared_savings',
          label: 'Shared savings',
          calculation: `s × Q × S = ${formatRate(sharing.sharingRate)} × ${qText} × ${formatCents(grossSavingsCents)} = ${formatCents(sharedCents)}`,
          explanation: "The center's share of the savings: the sharing rate, scaled by the composite quality.",
          cents: sharedCents,
        },
        {
          key: 'stop_gain',
          label: 'Stop-gain',
          calculation: `G × Σ Bench = ${formatRate(sharing.stopGainShare)} × ${formatCents(totalBenchmarkCents)} = ${formatCents(stopGainCents)}`,
          explanation: 'The most the center can gain in the period.',
          cents: stopGainCents,
        },
      ],
      `min(${formatCents(sharedCents)}, ${formatCents(stopGainCents)}) = ${formatCents(settlementCents)}`,
    )
  }

  if (sharing.model !== 'two_sided' || sharing.downsideRate === null || sharing.stopLossShare === null) {
    return settle('loss_not_shared', 0, 'A one-sided contract: the center shares savings only, so a loss settles at $0.00.')
  }
  const lossCents = -grossSavingsCents
  const sharedLossCents = roundHalfUpToCent(times(decimal(sharing.downsideRate), lossCents))
  const stopLossCents = roundHalfUpToCent(times(decimal(sharing.stopLossShare), totalBenchmarkCents))
  const paidCents = Math.min(sharedLossCents, stopLossCents)
  const settlementCents = paidCents === 0 ? 0 : -paidCents // never −0
  const isCapped = stopLossCents < sharedLossCents
  return settle(
    isCapped ? 'shared_loss_at_stop_loss' : 'shared_loss',
    settlementCents,
    paidCents === 0
      ? "Nothing to pay back: the center's share of the loss comes to $0.00."
      : isCapped
        ? `The center's share of the loss reaches the stop-loss: the center pays the purchaser ${formatCents(paidCents)}, ${formatRate(sharing.stopLossShare)} of the total benchmark.`
        : `The center pays the purchaser ${formatCents(paidCents)}: its ${formatRate(sharing.downsideRate)} share of the loss.`,
    [
      {
        key: 'shared_loss',
        label: 'Shared loss',
        calculation: `l × |S| = ${formatRate(sharing.downsideRate)} × ${formatCents(lossCents)} = ${formatCents(sharedLossCents)}`,
        explanation: "The center's share of the loss in a two-sided contract (the quality gate applies to savings only).",
        cents: sharedLossCents,
      },
      {
        key: 'stop_loss',
        label: 'Stop-loss',
        calculation: `L × Σ Bench = ${formatRate(sharing.stopLossShare)} × ${formatCents(totalBenchmarkCents)} = ${formatCents(stopLossCents)}`,
        explanation: 'The most the center can lose in the period.',
        cents: stopLossCents,
      },
    ],
    `-min(${formatCents(sharedLossCents)}, ${formatCents(stopLossCents)}) = ${formatCents(settlementCents)}`,
  )
}

function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}

/** The values a goal's measure reads from each episode: 0/1 for events, the number for means. */
function measuredValues(measure: QualityMeasure, episodes: readonly AttributedEpisode[]): number[] {
  const recorded = <T>(values: (T | null)[]) => values.filter((value): value is T => value !== null)
  switch (measure) {
    case 'complication_rate_90d':
      return recorded(episodes.map((episode) => episode.outcomes.hadComplication90d)).map(Number)
    case 'readmission_rate_30d':
      return recorded(episodes.map((episode) => episode.outcomes.wasReadmitted30d)).map(Number)
    case 'mean_satisfaction':
      return recorded(episodes.map((episode) => episode.outcomes.satisfaction))
    case 'pro_share':
      return episodes.map((episode) => Number(episode.outcomes.hasPatientReportedOutcomes))
    case 'days_to_first_consult':
      return recorded(episodes.map((episode) => episode.outcomes.daysToFirstConsult))
  }
}

function measureGoal(goal: ReconciliationTerms['qualityGoals'][number], episodes: readonly AttributedEpisode[]): GoalResult {
  const definition = QUALITY_MEASURES[goal.measure]
  const values = measuredValues(goal.measure, episodes)
  const denominator = values.length
  const exactSum = values.reduce((total, value) => add(total, decimal(value)), ZERO)
  const numerator = toNumber(exactSum)
  const target = decimal(goal.target)
  const targetText = formatTarget(goal.measure, goal.target)
  const wanted = `target ${targetText} or ${goal.direction === 'lower_is_better' ? 'lower' : 'higher'}`
  const common = { measure: goal.measure, label: definition.label, direction: goal.direction, target: goal.target, weight: goal.weight, numerator, denominator }

  if (denominator === 0) {
    return { ...common, measuredValue: null, isMet: false, explanation: `Not measured: no episode recorded it, so the goal is not met (${wanted}).` }
  }
  const measured = divide(exactSum, denominator)
  const order = compare(measured, target)
  const isMet = goal.direction === 'lower_is_better' ? order <= 0 : order >= 0
  const measuredValue = toNumber(measured)
  const shown =
    definition.kind === 'rate'
      ? `${numerator} of ${countOf(denominator, 'episode')}, ${formatRate(measuredValue)}`
      : `${formatTarget(goal.measure, Number(measuredValue.toFixed(2)))} on average over ${countOf(denominator, 'episode')}`
  return { ...common, measuredValue, isMet, explanation: `${shown}; ${wanted}: ${isMet ? 'met' : 'not met'}.` }
}

/*
 * Exact arithmetic on decimals: a number is read as the decimal JavaScript prints for it (the
 * shortest that round-trips, so 0.7 is 7/10) and kept as a fraction of BigInts.
 */
interface Fraction {
  numerator: bigint
  /** Always positive. */
  denominator: bigint
}

const ZERO: Fraction = { numerator: 0n, denominator: 1n }

function decimal(value: number): Fraction {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(value))
  if (!match) throw new RangeError(`Not a finite number: ${value}`)
  const [, sign = '', whole = '0', fraction = '', exponent = '0'] = match
  const digits = BigInt(`${sign}${whole}${fraction}`)
  const scale = Number(exponent) - fraction.length
  return scale >= 0 ? { numerator: digits * 10n ** BigInt(scale), denominator: 1n } : { numerator: digits, denominator: 10n ** BigInt(-scale) }
}

function greatestCommonDivisor(a: bigint, b: bigint): bigint {
  let [x, y] = [a < 0n ? -a : a, b]
  while (y !== 0n) [x, y] = [y, x % y]
  return x
}

/** In lowest terms, so that sums over many episodes keep small numbers. */
function reduced(numerator: bigint, denominator: bigint): Fraction {
  const divisor = greatestCommonDivisor(numerator, denominator)
  return divisor > 1n ? { numerator: numerator / divisor, denominator: denominator / divisor } : { numerator, denominator }
}

function add(a: Fraction, b: Fraction): Fraction {
  return reduced(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator)
}

function multiply(a: Fraction, b: Fraction): Fraction {
  return reduced(a.numerator * b.numerator, a.denominator * b.denominator)
}

function times(a: Fraction, cents: number): Fraction {
  return { numerator: a.numerator * BigInt(cents), denominator: a.denominator }
}

function divide(a: Fraction, count: number): Fraction {
  return reduced(a.numerator, a.denominator * BigInt(count))
}

/** −1, 0 or 1 as a is below, equal to or above b. */
function compare(a: Fraction, b: Fraction): number {
  const left = a.numerator * b.denominator
  const right = b.numerator * a.denominator
  return left < right ? -1 : left > right ? 1 : 0
}

function toNumber(a: Fraction): number {
  return Number(a.numerator) / Number(a.denominator)
}

/** Rounds a non-negative amount of cents half up to a whole cent: 6,172.5 → 6,173. */
function roundHalfUpToCent(amount: Fraction): number {
  if (amount.numerator < 0n) throw new RangeError('Only non-negative amounts are rounded')
  return Number((2n * amount.numerator + amount.denominator) / (2n * amount.denominator))
}
