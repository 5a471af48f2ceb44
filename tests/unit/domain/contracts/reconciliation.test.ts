import { describe, expect, it } from 'vitest'
import { reconcilePeriod, type AttributedEpisode, type EpisodeOutcomes, type ReconciliationStatement, type ReconciliationTerms } from '~/domain/contracts/reconciliation'
import type { QualityGoal, RiskSharing } from '~/domain/contracts/terms'

/*
 * Worked examples of DESIGN §11's reconciliation, each computed by hand in its comment (never by
 * calling the function). Money in the comments is dollars; the expectations are cents.
 *
 * Unless an example says otherwise:
 * - a TKA episode has benchmark $30,000, bundle $25,000, travel paid $1,000, incentive $500, no
 *   other claims and no warranty credit: A = 25,000 + 1,000 + 500 = $26,500, savings $3,500;
 * - its outcomes are good: no complication, no readmission, satisfaction 9, patient-reported
 *   outcomes answered, first consult after 7 days;
 * - the goals are: 90-day complication rate ≤ 5% (weight 0.5), mean satisfaction ≥ 8 (0.3),
 *   share with patient-reported outcomes ≥ 80% (0.2); quality gate 0.5;
 * - one-sided: s = 50%, G = 10%, k = 2, n₀ = 3. Two-sided adds l = 40%, L = 10%.
 */

const GOOD: EpisodeOutcomes = { hadComplication90d: false, wasReadmitted30d: false, satisfaction: 9, hasPatientReportedOutcomes: true, daysToFirstConsult: 7 }

type EpisodeChange = Partial<Omit<AttributedEpisode, 'outcomes'>> & { outcomes?: Partial<EpisodeOutcomes> }

function tka(change: EpisodeChange = {}): AttributedEpisode {
  const { outcomes, ...money } = change
  return {
    caseId: 'case',
    procedureCode: 'TKA',
    benchmarkCents: 3_000_000,
    bundleCents: 2_500_000,
    travelPaidCents: 100_000,
    incentiveCents: 50_000,
    otherClaimsCents: 0,
    warrantyCreditCents: 0,
    ...money,
    outcomes: { ...GOOD, ...outcomes },
  }
}

/** `count` episodes; `change(i)` alters the i-th (0-based). Case ids are case-1, case-2, … */
function episodes(count: number, change: (index: number) => EpisodeChange = () => ({})): AttributedEpisode[] {
  return Array.from({ length: count }, (_, index) => tka({ caseId: `case-${index + 1}`, ...change(index) }))
}

const GOALS: QualityGoal[] = [
  { measure: 'complication_rate_90d', direction: 'lower_is_better', target: 0.05, weight: 0.5 },
  { measure: 'mean_satisfaction', direction: 'higher_is_better', target: 8, weight: 0.3 },
  { measure: 'pro_share', direction: 'higher_is_better', target: 0.8, weight: 0.2 },
]

const ONE_SIDED: ReconciliationTerms = {
  riskSharing: { model: 'one_sided', sharingRate: 0.5, downsideRate: null, stopGainShare: 0.1, stopLossShare: null, outlierCap: 2, minimumEpisodes: 3 },
  qualityGoals: GOALS,
  qualityGate: 0.5,
}

function oneSided(sharing: Partial<RiskSharing> = {}, more: Partial<ReconciliationTerms> = {}): ReconciliationTerms {
  return { ...ONE_SIDED, ...more, riskSharing: { ...ONE_SIDED.riskSharing, ...sharing } }
}

function twoSided(sharing: Partial<RiskSharing> = {}, more: Partial<ReconciliationTerms> = {}): ReconciliationTerms {
  return oneSided({ model: 'two_sided', downsideRate: 0.4, stopLossShare: 0.1, ...sharing }, more)
}

/** The statement's headline numbers. */
function summary(statement: ReconciliationStatement) {
  return {
    n: statement.episodeCount,
    benchmark: statement.totalBenchmarkCents,
    actual: statement.totalActualSpendCents,
    counted: statement.totalCountedSpendCents,
    savings: statement.grossSavingsCents,
    quality: statement.compositeScore,
    isGateMet: statement.isGateMet,
    settlement: statement.settlementCents,
    paidBy: statement.paidBy,
    outcome: statement.outcome,
  }
}

const stepsOf = (statement: ReconciliationStatement) => statement.steps.map((step) => [step.key, step.calculation])

describe('reconcilePeriod: worked examples', () => {
  it('1. all goals met: the purchaser pays s × Q × S, below the stop-gain', () => {
    // 4 episodes: Σ Bench = 4 × 30,000 = 120,000; Σ A = 4 × 26,500 = 106,000; S = 14,000.
    // Goals: complications 0 of 4 = 0% ≤ 5% met; satisfaction 9 ≥ 8 met; PRO 4 of 4 = 100% ≥ 80% met.
    // Q = 0.5 + 0.3 + 0.2 = 1 ≥ 0.5. s × Q × S = 0.5 × 1 × 14,000 = 7,000; G × Σ Bench = 12,000 → $7,000.
    const statement = reconcilePeriod(ONE_SIDED, episodes(4))
    expect(summary(statement)).toEqual({
      n: 4, benchmark: 12_000_000, actual: 10_600_000, counted: 10_600_000, savings: 1_400_000,
      quality: 1, isGateMet: true, settlement: 700_000, paidBy: 'purchaser', outcome: 'shared_savings',
    })
    expect(stepsOf(statement)).toEqual([
      ['episodes', 'n = 4; minimum n₀ = 3'],
      ['total_benchmark', 'Σ Bench = $120,000.00'],
      ['actual_spend', 'Σ A = $106,000.00'],
      ['outlier_cap', 'k = 2; counted Σ A = $106,000.00'],
      ['gross_savings', 'S = Σ Bench − counted Σ A = $120,000.00 − $106,000.00 = $14,000.00'],
      ['quality', 'Q = 0.5 × 1 + 0.3 × 1 + 0.2 × 1 = 1'],
      ['quality_gate', 'Q 1 ≥ gate 0.5'],
      ['shared_savings', 's × Q × S = 50% × 1 × $14,000.00 = $7,000.00'],
      ['stop_gain', 'G × Σ Bench = 10% × $120,000.00 = $12,000.00'],
      ['settlement', 'min($7,000.00, $12,000.00) = $7,000.00'],
    ])
    expect(statement.reason).toBe('The purchaser pays the center $7,000.00: its 50% share of the savings at quality 1.')
    expect(statement.goals.map((goal) => [goal.measure, goal.measuredValue, goal.numerator, goal.denominator, goal.isMet, goal.explanation])).toEqual([
      ['complication_rate_90d', 0, 0, 4, true, '0 of 4 episodes, 0%; target 5% or lower: met.'],
      ['mean_satisfaction', 9, 36, 4, true, '9 of 10 on average over 4 episodes; target 8 of 10 or higher: met.'],
      ['pro_share', 1, 4, 4, true, '4 of 4 episodes, 100%; target 80% or higher: met.'],
    ])
    expect(statement.episodes[0]).toEqual({
      caseId: 'case-1', procedureCode: 'TKA', benchmarkCents: 3_000_000, bundleCents: 2_500_000, travelPaidCents: 100_000, incentiveCents: 50_000,
      otherClaimsCents: 0, warrantyCreditCents: 0, actualSpendCents: 2_650_000, outlierCapCents: 6_000_000, countedSpendCents: 2_650_000, isTruncated: false, savingsCents: 350_000,
    })
  })

  it('2. upside capped by the stop-gain', () => {
    // Bundle $20,000: A = 20,000 + 1,000 + 500 = 21,500, savings 8,500 each; S = 4 × 8,500 = 34,000.
    // s × Q × S = 0.5 × 1 × 34,000 = 17,000 > G × Σ Bench = 0.1 × 120,000 = 12,000 → $12,000.
    const statement = reconcilePeriod(ONE_SIDED, episodes(4, () => ({ bundleCents: 2_000_000 })))
    expect(summary(statement)).toEqual({
      n: 4, benchmark: 12_000_000, actual: 8_600_000, counted: 8_600_000, savings: 3_400_000,
      quality: 1, isGateMet: true, settlement: 1_200_000, paidBy: 'purchaser', outcome: 'shared_savings_at_stop_gain',
    })
    expect(statement.reason).toBe('Shared savings reach the stop-gain: the purchaser pays the center $12,000.00, 10% of the total benchmark.')
  })

  it('3. quality gate not met: nothing is shared, whatever the savings', () => {
    // One complication in 4: 25% > 5%, not met. Q = 0.3 + 0.2 = 0.5 < gate 0.6 → $0. S is still 14,000.
    const statement = reconcilePeriod(oneSided({}, { qualityGate: 0.6 }), episodes(4, (i) => (i === 0 ? { outcomes: { hadComplication90d: true } } : {})))
    expect(summary(statement)).toEqual({
      n: 4, benchmark: 12_000_000, actual: 10_600_000, counted: 10_600_000, savings: 1_400_000,
      quality: 0.5, isGateMet: false, settlement: 0, paidBy: null, outcome: 'quality_gate_not_met',
    })
    expect(statement.goals[0]!.explanation).toBe('1 of 4 episodes, 25%; target 5% or lower: not met.')
    expect(statement.reason).toBe('The quality gate is not met (Q 0.5 below 0.6): no shared savings.')
    expect(stepsOf(statement).slice(-2)).toEqual([
      ['quality_gate', 'Q 0.5 < gate 0.6'],
      ['settlement', '$0.00'],
    ])
  })

  it('4. exactly at the gate: Q = gate shares', () => {
    // As example 3 with gate 0.5: Q 0.5 ≥ 0.5. s × Q × S = 0.5 × 0.5 × 14,000 = 3,500 (< 12,000) → $3,500.
    const statement = reconcilePeriod(ONE_SIDED, episodes(4, (i) => (i === 0 ? { outcomes: { hadComplication90d: true } } : {})))
    expect(summary(statement)).toMatchObject({ quality: 0.5, isGateMet: true, settlement: 350_000, paidBy: 'purchaser', outcome: 'shared_savings' })
  })

  it('5. no goal met with a gate of 0: Q = 0 shares nothing', () => {
    // Complications 4 of 4 = 100% (not met); satisfaction 6 < 8 (not met); PRO 0 of 4 = 0% < 80% (not met).
    // Q = 0 ≥ gate 0, so the formula runs: s × Q × S = 0.5 × 0 × 14,000 = 0 → $0.
    const bad = { outcomes: { hadComplication90d: true, satisfaction: 6, hasPatientReportedOutcomes: false } }
    const statement = reconcilePeriod(oneSided({}, { qualityGate: 0 }), episodes(4, () => bad))
    expect(summary(statement)).toMatchObject({ savings: 1_400_000, quality: 0, isGateMet: true, settlement: 0, paidBy: null, outcome: 'shared_savings' })
    expect(statement.goals.map((goal) => goal.isMet)).toEqual([false, false, false])
    expect(statement.reason).toBe('Nothing to share: the savings share comes to $0.00.')
  })

  it('6. no goal met with a gate of 0.5: the gate stops it', () => {
    // Same outcomes as example 5: Q = 0 < 0.5 → $0.
    const bad = { outcomes: { hadComplication90d: true, satisfaction: 6, hasPatientReportedOutcomes: false } }
    const statement = reconcilePeriod(ONE_SIDED, episodes(4, () => bad))
    expect(summary(statement)).toMatchObject({ quality: 0, isGateMet: false, settlement: 0, outcome: 'quality_gate_not_met' })
  })

  it('7. fewer than the minimum episodes: nothing settles, the period carries forward', () => {
    // n = 2 < n₀ = 3 → $0, although S = 2 × 3,500 = 7,000 and Q = 1 are shown.
    const statement = reconcilePeriod(ONE_SIDED, episodes(2))
    expect(summary(statement)).toEqual({
      n: 2, benchmark: 6_000_000, actual: 5_300_000, counted: 5_300_000, savings: 700_000,
      quality: 1, isGateMet: true, settlement: 0, paidBy: null, outcome: 'below_minimum_episodes',
    })
    expect(statement.reason).toBe('Fewer than the minimum episodes (2 of 3): nothing settles, the period carries forward.')
    expect(statement.steps.map((step) => step.key)).toEqual(['episodes', 'total_benchmark', 'actual_spend', 'outlier_cap', 'gross_savings', 'quality', 'settlement'])
    expect(statement.steps[0]!.explanation).toBe('2 episodes attributed to the contract in this period, fewer than the 3 the contract needs for anything to settle.')
  })

  it('8. exactly n₀ episodes settle', () => {
    // n = 3 = n₀. S = 3 × 3,500 = 10,500; Σ Bench = 90,000. 0.5 × 1 × 10,500 = 5,250 < 9,000 → $5,250.
    const statement = reconcilePeriod(ONE_SIDED, episodes(3))
    expect(summary(statement)).toMatchObject({ n: 3, benchmark: 9_000_000, savings: 1_050_000, settlement: 525_000, outcome: 'shared_savings' })
  })

  it('9. zero episodes with n₀ = 0: nothing to settle, every goal unmeasured', () => {
    // n = 0 ≥ n₀ = 0 but there is nothing: all totals 0, no goal measured (so none met), $0.
    const statement = reconcilePeriod(oneSided({ minimumEpisodes: 0 }), [])
    expect(summary(statement)).toEqual({
      n: 0, benchmark: 0, actual: 0, counted: 0, savings: 0, quality: 0, isGateMet: false, settlement: 0, paidBy: null, outcome: 'no_episodes',
    })
    expect(statement.goals.map((goal) => [goal.measuredValue, goal.denominator, goal.isMet])).toEqual([[null, 0, false], [null, 0, false], [null, 0, false]])
    expect(statement.goals[0]!.explanation).toBe('Not measured: no episode recorded it, so the goal is not met (target 5% or lower).')
    expect(statement.reason).toBe('No attributed episodes: there is nothing to settle.')
  })

  it('10. zero episodes with n₀ = 3: below the minimum', () => {
    const statement = reconcilePeriod(ONE_SIDED, [])
    expect(summary(statement)).toMatchObject({ n: 0, settlement: 0, outcome: 'below_minimum_episodes' })
    expect(statement.reason).toBe('Fewer than the minimum episodes (0 of 3): nothing settles, the period carries forward.')
  })

  it('11. two-sided loss: the center pays l × |S|', () => {
    // Other claims $8,000 each: A = 26,500 + 8,000 = 34,500 (under the 2 × 30,000 cap), savings −4,500.
    // S = 4 × −4,500 = −18,000. l × |S| = 0.4 × 18,000 = 7,200; L × Σ Bench = 0.1 × 120,000 = 12,000.
    // Settlement −min(7,200, 12,000) = −$7,200, paid by the center.
    const statement = reconcilePeriod(twoSided(), episodes(4, () => ({ otherClaimsCents: 800_000 })))
    expect(summary(statement)).toEqual({
      n: 4, benchmark: 12_000_000, actual: 13_800_000, counted: 13_800_000, savings: -1_800_000,
      quality: 1, isGateMet: true, settlement: -720_000, paidBy: 'center', outcome: 'shared_loss',
    })
    expect(stepsOf(statement).slice(4)).toEqual([
      ['gross_savings', 'S = Σ Bench − counted Σ A = $120,000.00 − $138,000.00 = -$18,000.00'],
      ['quality', 'Q = 0.5 × 1 + 0.3 × 1 + 0.2 × 1 = 1'],
      ['shared_loss', 'l × |S| = 40% × $18,000.00 = $7,200.00'],
      ['stop_loss', 'L × Σ Bench = 10% × $120,000.00 = $12,000.00'],
      ['settlement', '-min($7,200.00, $12,000.00) = -$7,200.00'],
    ])
    expect(statement.reason).toBe('The center pays the purchaser $7,200.00: its 40% share of the loss.')
  })

  it('12. downside capped by the stop-loss', () => {
    // As example 11 with L = 5%: L × Σ Bench = 0.05 × 120,000 = 6,000 < 7,200 → −$6,000.
    const statement = reconcilePeriod(twoSided({ stopLossShare: 0.05 }), episodes(4, () => ({ otherClaimsCents: 800_000 })))
    expect(summary(statement)).toMatchObject({ savings: -1_800_000, settlement: -600_000, paidBy: 'center', outcome: 'shared_loss_at_stop_loss' })
    expect(statement.reason).toBe("The center's share of the loss reaches the stop-loss: the center pays the purchaser $6,000.00, 5% of the total benchmark.")
  })

  it('13. one-sided loss settles at $0', () => {
    // The loss of example 11 (S = −18,000) under a one-sided contract: $0.
    const statement = reconcilePeriod(ONE_SIDED, episodes(4, () => ({ otherClaimsCents: 800_000 })))
    expect(summary(statement)).toMatchObject({ savings: -1_800_000, settlement: 0, paidBy: null, outcome: 'loss_not_shared' })
    expect(statement.reason).toBe('A one-sided contract: the center shares savings only, so a loss settles at $0.00.')
  })

  it('14. a two-sided loss is shared even when the quality gate is not met', () => {
    // Example 11 with a complication in every episode: Q = 0.3 + 0.2 = 0.5 < gate 0.6. The gate
    // applies to savings only: the center still pays −min(7,200, 12,000) = −$7,200.
    const statement = reconcilePeriod(twoSided({}, { qualityGate: 0.6 }), episodes(4, () => ({ otherClaimsCents: 800_000, outcomes: { hadComplication90d: true } })))
    expect(summary(statement)).toMatchObject({ quality: 0.5, isGateMet: false, settlement: -720_000, outcome: 'shared_loss' })
  })

  it('15. outlier truncation at k × the benchmark', () => {
    // k = 1.5. Four episodes at bundle $20,000: A = 21,500, savings 8,500 each (34,000).
    // A fifth with $40,000 of other claims: A = 21,500 + 40,000 = 61,500 > 1.5 × 30,000 = 45,000,
    // so it counts 45,000: savings 30,000 − 45,000 = −15,000. S = 34,000 − 15,000 = 19,000
    // (untruncated it would be 34,000 − 31,500 = 2,500). Σ Bench = 150,000; Σ A = 4 × 21,500 +
    // 61,500 = 147,500; counted 86,000 + 45,000 = 131,000. 0.5 × 1 × 19,000 = 9,500 < 15,000 → $9,500.
    const statement = reconcilePeriod(
      oneSided({ outlierCap: 1.5 }),
      episodes(5, (i) => ({ bundleCents: 2_000_000, otherClaimsCents: i === 4 ? 4_000_000 : 0 })),
    )
    expect(summary(statement)).toEqual({
      n: 5, benchmark: 15_000_000, actual: 14_750_000, counted: 13_100_000, savings: 1_900_000,
      quality: 1, isGateMet: true, settlement: 950_000, paidBy: 'purchaser', outcome: 'shared_savings',
    })
    expect(statement.episodes[4]).toMatchObject({ actualSpendCents: 6_150_000, outlierCapCents: 4_500_000, countedSpendCents: 4_500_000, isTruncated: true, savingsCents: -1_500_000 })
    expect(statement.episodes.filter((line) => line.isTruncated)).toHaveLength(1)
    expect(statement.steps.find((step) => step.key === 'outlier_cap')!.explanation).toBe(
      '1 episode cost more than 1.5 × its benchmark and counts at that cap: $16,500.00 of actual spend is left out.',
    )
  })

  it('16. a warranty event elsewhere turns savings into a loss: only the credited part comes back', () => {
    // Three ordinary episodes: +3,500 each = 10,500. The fourth had a readmission elsewhere within W
    // costing $30,000, of which the center credited $8,000 (the related complication):
    // A = 26,500 + 30,000 − 8,000 = 48,500 (under the 60,000 cap), savings −18,500.
    // S = 10,500 − 18,500 = −8,000. Two-sided: l × |S| = 0.4 × 8,000 = 3,200 < 12,000 → −$3,200.
    const statement = reconcilePeriod(
      twoSided(),
      episodes(4, (i) => (i === 3 ? { otherClaimsCents: 3_000_000, warrantyCreditCents: 800_000, outcomes: { hadComplication90d: true, wasReadmitted30d: true } } : {})),
    )
    expect(summary(statement)).toMatchObject({ actual: 12_800_000, savings: -800_000, settlement: -320_000, paidBy: 'center', outcome: 'shared_loss' })
    expect(statement.episodes[3]).toMatchObject({ actualSpendCents: 4_850_000, savingsCents: -1_850_000, isTruncated: false })
  })

  it('17. the same care elsewhere credited back in full keeps the savings', () => {
    // Example 16 with the whole $30,000 credited: A = 26,500 + 30,000 − 30,000 = 26,500; S = 14,000.
    // The complication still counts: 1 of 4 = 25% > 5%, Q = 0.5 ≥ 0.5 → 0.5 × 0.5 × 14,000 = $3,500.
    const statement = reconcilePeriod(
      twoSided(),
      episodes(4, (i) => (i === 3 ? { otherClaimsCents: 3_000_000, warrantyCreditCents: 3_000_000, outcomes: { hadComplication90d: true, wasReadmitted30d: true } } : {})),
    )
    expect(summary(statement)).toMatchObject({ actual: 10_600_000, savings: 1_400_000, quality: 0.5, settlement: 350_000, outcome: 'shared_savings' })
  })

  it('18. mixed procedures, each against its own benchmark', () => {
    // TKA: 30,000 − 26,500 = +3,500. THA: benchmark 32,000; 27,000 + 800 + 500 = 28,300; +3,700.
    // SPINE_FUSION: benchmark 60,000; 48,000 + 1,500 + 500 = 50,000; +10,000.
    // Σ Bench = 122,000; Σ A = 104,800; S = 17,200. 0.5 × 1 × 17,200 = 8,600 < 12,200 → $8,600.
    const statement = reconcilePeriod(ONE_SIDED, [
      tka({ caseId: 'knee' }),
      tka({ caseId: 'hip', procedureCode: 'THA', benchmarkCents: 3_200_000, bundleCents: 2_700_000, travelPaidCents: 80_000 }),
      tka({ caseId: 'spine', procedureCode: 'SPINE_FUSION', benchmarkCents: 6_000_000, bundleCents: 4_800_000, travelPaidCents: 150_000 }),
    ])
    expect(summary(statement)).toEqual({
      n: 3, benchmark: 12_200_000, actual: 10_480_000, counted: 10_480_000, savings: 1_720_000,
      quality: 1, isGateMet: true, settlement: 860_000, paidBy: 'purchaser', outcome: 'shared_savings',
    })
    expect(statement.episodes.map((line) => [line.caseId, line.savingsCents])).toEqual([['knee', 350_000], ['hip', 370_000], ['spine', 1_000_000]])
  })

  it('19. the outlier cap follows each procedure’s benchmark; the loss reaches the stop-loss', () => {
    // k = 2. A TKA with $43,500 of other claims: A = 26,500 + 43,500 = 70,000 > 2 × 30,000 = 60,000:
    // counts 60,000, savings −30,000. A spine fusion with $20,000 of other claims: A = 50,000 + 20,000
    // = 70,000 < 2 × 60,000 = 120,000: counts in full, savings −10,000. An ordinary TKA: +3,500.
    // S = −30,000 − 10,000 + 3,500 = −36,500. Σ Bench = 120,000; Σ A = 146,500; counted 136,500.
    // l × |S| = 0.4 × 36,500 = 14,600 > L × Σ Bench = 12,000 → −$12,000.
    const statement = reconcilePeriod(twoSided(), [
      tka({ caseId: 'knee-outlier', otherClaimsCents: 4_350_000 }),
      tka({ caseId: 'spine', procedureCode: 'SPINE_FUSION', benchmarkCents: 6_000_000, bundleCents: 4_800_000, travelPaidCents: 150_000, otherClaimsCents: 2_000_000 }),
      tka({ caseId: 'knee' }),
    ])
    expect(summary(statement)).toEqual({
      n: 3, benchmark: 12_000_000, actual: 16_650_000, counted: 15_650_000, savings: -3_650_000,
      quality: 1, isGateMet: true, settlement: -1_200_000, paidBy: 'center', outcome: 'shared_loss_at_stop_loss',
    })
    expect(statement.episodes.map((line) => [line.caseId, line.outlierCapCents, line.isTruncated, line.savingsCents])).toEqual([
      ['knee-outlier', 6_000_000, true, -3_000_000],
      ['spine', 12_000_000, false, -1_000_000],
      ['knee', 6_000_000, false, 350_000],
    ])
  })

  it('20. rounding half up at the cent: 50% × $123.45 = $61.725 → $61.73', () => {
    // One episode (n₀ = 1): benchmark 30,000.00, A = bundle 29,876.55 → S = $123.45 = 12,345 cents.
    // s × Q × S = 0.5 × 1 × 12,345 = 6,172.5 cents → half up → 6,173. G × Σ Bench = 300,000 cents.
    const statement = reconcilePeriod(oneSided({ minimumEpisodes: 1 }), [tka({ bundleCents: 2_987_655, travelPaidCents: 0, incentiveCents: 0 })])
    expect(summary(statement)).toMatchObject({ savings: 12_345, settlement: 6_173, outcome: 'shared_savings' })
    expect(stepsOf(statement).at(-3)).toEqual(['shared_savings', 's × Q × S = 50% × 1 × $123.45 = $61.73'])
  })

  it('21. exact decimals: 10% × 0.7 × $12,345.50 is 86,418.5 cents → $864.19 (floating point would say 86,418.4999…)', () => {
    // One episode: benchmark 30,000.00, A = 17,654.50 → S = 12,345.50 = 1,234,550 cents.
    // Satisfaction 6 < 8 (not met); complications 0% and PRO 100% met: Q = 0.5 + 0.2 = 0.7 ≥ 0.5.
    // s × Q × S = 0.1 × 0.7 × 1,234,550 = 0.07 × 1,234,550 = 86,418.5 → 86,419 (< G 300,000).
    const statement = reconcilePeriod(oneSided({ sharingRate: 0.1, minimumEpisodes: 1 }), [
      tka({ bundleCents: 1_765_450, travelPaidCents: 0, incentiveCents: 0, outcomes: { satisfaction: 6 } }),
    ])
    expect(summary(statement)).toMatchObject({ savings: 1_234_550, quality: 0.7, settlement: 86_419 })
  })

  it('22. rounding half up of k × Bench, l × |S| and L × Σ Bench; a share equal to the stop-loss is not "capped"', () => {
    // k = 1.5, benchmark 3,333,333 cents: cap 4,999,999.5 → 5,000,000. A = 6,000,000 → counts 5,000,000;
    // S = 3,333,333 − 5,000,000 = −1,666,667.
    // l = 30%: 0.3 × 1,666,667 = 500,000.1 → 500,000. L = 15%: 0.15 × 3,333,333 = 499,999.95 → 500,000.
    // −min(500,000, 500,000) = −500,000 cents.
    const statement = reconcilePeriod(twoSided({ outlierCap: 1.5, downsideRate: 0.3, stopLossShare: 0.15, minimumEpisodes: 1 }), [
      tka({ benchmarkCents: 3_333_333, bundleCents: 6_000_000, travelPaidCents: 0, incentiveCents: 0 }),
    ])
    expect(statement.episodes[0]).toMatchObject({ outlierCapCents: 5_000_000, countedSpendCents: 5_000_000, savingsCents: -1_666_667 })
    expect(summary(statement)).toMatchObject({ savings: -1_666_667, settlement: -500_000, outcome: 'shared_loss' })
    expect(statement.steps.filter((step) => step.key === 'shared_loss' || step.key === 'stop_loss').map((step) => step.cents)).toEqual([500_000, 500_000])
  })

  it('23. the stop-gain rounded half up: 10% × 3,333,335 cents = 333,333.5 → 333,334', () => {
    // s = 100%, one episode: benchmark 3,333,335, A = 1,000,000 → S = 2,333,335 = s × Q × S.
    // G × Σ Bench = 333,333.5 → 333,334 < 2,333,335 → 333,334 cents, at the stop-gain.
    const statement = reconcilePeriod(oneSided({ sharingRate: 1, minimumEpisodes: 1 }), [
      tka({ benchmarkCents: 3_333_335, bundleCents: 1_000_000, travelPaidCents: 0, incentiveCents: 0 }),
    ])
    expect(summary(statement)).toMatchObject({ savings: 2_333_335, settlement: 333_334, outcome: 'shared_savings_at_stop_gain' })
  })

  const DIRECTION_GOALS: QualityGoal[] = [
    { measure: 'days_to_first_consult', direction: 'lower_is_better', target: 10, weight: 0.6 },
    { measure: 'mean_satisfaction', direction: 'higher_is_better', target: 8, weight: 0.4 },
  ]
  const withDays = (days: number[], satisfaction: number[]) => episodes(3, (i) => ({ outcomes: { daysToFirstConsult: days[i]!, satisfaction: satisfaction[i]! } }))

  it('24. lower is better: above the target is not met; higher is better: above the target is met', () => {
    // Days to first consult 8, 12, 13: mean 11 > 10 → not met. Satisfaction 9, 9, 7: mean 8.33 ≥ 8 → met.
    // Q = 0.4 < gate 0.5 → $0 (S = 10,500).
    const statement = reconcilePeriod(oneSided({}, { qualityGoals: DIRECTION_GOALS }), withDays([8, 12, 13], [9, 9, 7]))
    expect(summary(statement)).toMatchObject({ savings: 1_050_000, quality: 0.4, isGateMet: false, settlement: 0, outcome: 'quality_gate_not_met' })
    expect(statement.goals.map((goal) => [goal.measuredValue, goal.isMet, goal.explanation])).toEqual([
      [11, false, '11 days on average over 3 episodes; target 10 days or lower: not met.'],
      [25 / 3, true, '8.33 of 10 on average over 3 episodes; target 8 of 10 or higher: met.'],
    ])
  })

  it('25. at the target counts as met, in both directions', () => {
    // Days 8, 9, 13: mean 10 = target (met). Satisfaction 9, 7, 8: mean 8 = target (met).
    // Q = 1: 0.5 × 1 × 10,500 = 5,250 < 9,000 → $5,250.
    const statement = reconcilePeriod(oneSided({}, { qualityGoals: DIRECTION_GOALS }), withDays([8, 9, 13], [9, 7, 8]))
    expect(summary(statement)).toMatchObject({ quality: 1, settlement: 525_000 })
  })

  it('26. lower is better: below the target is met; higher is better: below the target is not met', () => {
    // Days 5, 6, 7: mean 6 ≤ 10 (met). Satisfaction 9, 7, 7: mean 7.67 < 8 (not met).
    // Q = 0.6 ≥ 0.5: 0.5 × 0.6 × 10,500 = 3,150 → $3,150.
    const statement = reconcilePeriod(oneSided({}, { qualityGoals: DIRECTION_GOALS }), withDays([5, 6, 7], [9, 7, 7]))
    expect(summary(statement)).toMatchObject({ quality: 0.6, settlement: 315_000 })
    expect(statement.goals.map((goal) => goal.isMet)).toEqual([true, false])
  })

  it('27. a complication rate exactly at its target: 1 of 20 = 5% is met', () => {
    // 20 episodes, one complication: 1/20 = 5% ≤ 5%. Q = 1. S = 20 × 3,500 = 70,000; Σ Bench = 600,000.
    // 0.5 × 1 × 70,000 = 35,000 < 60,000 → $35,000.
    const statement = reconcilePeriod(ONE_SIDED, episodes(20, (i) => (i === 7 ? { outcomes: { hadComplication90d: true } } : {})))
    expect(summary(statement)).toMatchObject({ n: 20, benchmark: 60_000_000, savings: 7_000_000, quality: 1, settlement: 3_500_000 })
    expect(statement.goals[0]).toMatchObject({ measuredValue: 0.05, numerator: 1, denominator: 20, isMet: true })
  })

  it('28. weights 0.7 + 0.1 reach a gate of 0.8 exactly (in floating point they add up to 0.7999…)', () => {
    // Complications (0.7) met, PRO (0.1) met, satisfaction 6 (0.2) not met: Q = 0.8 ≥ 0.8.
    // 0.5 × 0.8 × 14,000 = 5,600 < 12,000 → $5,600.
    const goals: QualityGoal[] = [
      { measure: 'complication_rate_90d', direction: 'lower_is_better', target: 0.05, weight: 0.7 },
      { measure: 'pro_share', direction: 'higher_is_better', target: 0.8, weight: 0.1 },
      { measure: 'mean_satisfaction', direction: 'higher_is_better', target: 8, weight: 0.2 },
    ]
    const statement = reconcilePeriod(oneSided({}, { qualityGoals: goals, qualityGate: 0.8 }), episodes(4, () => ({ outcomes: { satisfaction: 6 } })))
    expect(summary(statement)).toMatchObject({ quality: 0.8, isGateMet: true, settlement: 560_000 })
  })

  it('29. missing outcomes never help: an unmeasured goal is not met; rates count recorded outcomes only', () => {
    // Satisfaction never recorded: not measured, not met. Complications recorded for 2 episodes
    // (none), unknown for 2: 0 of 2 = 0% ≤ 5%, met. PRO 4 of 4, met. Q = 0.5 + 0.2 = 0.7 ≥ 0.5.
    // 0.5 × 0.7 × 14,000 = 4,900 → $4,900.
    const statement = reconcilePeriod(ONE_SIDED, episodes(4, (i) => ({ outcomes: { satisfaction: null, hadComplication90d: i < 2 ? false : null } })))
    expect(summary(statement)).toMatchObject({ quality: 0.7, settlement: 490_000 })
    expect(statement.goals.map((goal) => [goal.measuredValue, goal.numerator, goal.denominator, goal.isMet])).toEqual([
      [0, 0, 2, true],
      [null, 0, 0, false],
      [1, 4, 4, true],
    ])
  })

  it('30. savings of exactly $0: nothing to share', () => {
    // Bundle $28,500: A = 28,500 + 1,000 + 500 = 30,000 = benchmark. S = 0 ≥ 0, Q = 1: 0.5 × 1 × 0 = $0.
    const statement = reconcilePeriod(ONE_SIDED, episodes(4, () => ({ bundleCents: 2_850_000 })))
    expect(summary(statement)).toMatchObject({ savings: 0, settlement: 0, paidBy: null, outcome: 'shared_savings' })
    expect(statement.reason).toBe('Nothing to share: the savings share comes to $0.00.')
  })

  it('31. a two-sided contract with savings shares the upside like a one-sided one', () => {
    // Example 1 under the two-sided terms: S = 14,000 ≥ 0 → 0.5 × 1 × 14,000 = $7,000; l and L unused.
    const statement = reconcilePeriod(twoSided(), episodes(4))
    expect(summary(statement)).toMatchObject({ savings: 1_400_000, settlement: 700_000, outcome: 'shared_savings' })
    expect(statement.steps.some((step) => step.key === 'shared_loss')).toBe(false)
  })

  it('32. a zero-rate downside settles at $0 (never −$0)', () => {
    // S = −18,000 (example 11) with l = 0%: 0 × 18,000 = 0 → $0.
    const statement = reconcilePeriod(twoSided({ downsideRate: 0 }), episodes(4, () => ({ otherClaimsCents: 800_000 })))
    expect(Object.is(statement.settlementCents, 0)).toBe(true)
    expect(summary(statement)).toMatchObject({ settlement: 0, paidBy: null, outcome: 'shared_loss' })
    expect(statement.reason).toBe("Nothing to pay back: the center's share of the loss comes to $0.00.")
  })

  it('gives the same statement for the same inputs in any order of episodes (totals, goals, settlement)', () => {
    const list = episodes(6, (i) => ({ otherClaimsCents: i * 150_000, outcomes: { satisfaction: 5 + i } }))
    const forward = reconcilePeriod(twoSided(), list)
    const backward = reconcilePeriod(twoSided(), [...list].reverse())
    expect(summary(backward)).toEqual(summary(forward))
    expect(backward.goals).toEqual(forward.goals)
  })
})
