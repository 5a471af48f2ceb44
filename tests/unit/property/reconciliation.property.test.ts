import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { reconcilePeriod, type AttributedEpisode, type ReconciliationTerms } from '~/domain/contracts/reconciliation'
import { QUALITY_MEASURE_CODES, QUALITY_MEASURES, type QualityGoal } from '~/domain/contracts/terms'
import { cents, RUNS } from './arbitraries'

// DESIGN §11 reconciliation (issue 21): the settlement stays within the stop-gain and stop-loss,
// and the statement's totals are the sums of its episodes to the cent.

/** A rate, share or weight as a contract writes it: whole basis points (0.0001), so the test can compute caps exactly. */
const basisPoints = (min = 0, max = 10_000) => fc.integer({ min, max })

const episode: fc.Arbitrary<AttributedEpisode> = fc
  .record({
    procedureCode: fc.constantFrom('TKA', 'THA', 'SPINE_FUSION'),
    benchmarkCents: fc.integer({ min: 1, max: 10_000_000 }),
    bundleCents: cents(10_000_000),
    travelPaidCents: cents(500_000),
    incentiveCents: cents(100_000),
    otherClaimsCents: fc.oneof(fc.constant(0), cents(20_000_000)),
    creditedShare: fc.double({ min: 0, max: 1, noNaN: true }),
    outcomes: fc.record({
      hadComplication90d: fc.option(fc.boolean(), { nil: null }),
      wasReadmitted30d: fc.option(fc.boolean(), { nil: null }),
      satisfaction: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
      hasPatientReportedOutcomes: fc.boolean(),
      daysToFirstConsult: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
    }),
  })
  .map(({ creditedShare, ...e }) => ({ ...e, caseId: 'case', warrantyCreditCents: Math.round(creditedShare * e.otherClaimsCents) }))

/** Goals on distinct measures whose weights (whole basis points) add up to exactly 1. */
const goals: fc.Arbitrary<QualityGoal[]> = fc
  .subarray([...QUALITY_MEASURE_CODES], { minLength: 1 })
  .chain((measures) =>
    fc.tuple(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: measures.length, maxLength: measures.length }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: measures.length, maxLength: measures.length })).map(([raw, targets]) => {
      const total = raw.reduce((sum, value) => sum + value, 0) || 1
      const weights = raw.map((value) => Math.floor((value * 10_000) / total))
      weights[0]! += 10_000 - weights.reduce((sum, value) => sum + value, 0)
      return measures.map((measure, index) => {
        const definition = QUALITY_MEASURES[measure]
        const target = Math.round((definition.min + targets[index]! * (definition.max - definition.min)) * 100) / 100
        return { measure, direction: definition.direction, target, weight: weights[index]! / 10_000 }
      })
    }),
  )

const terms: fc.Arbitrary<ReconciliationTerms> = fc
  .record({
    isTwoSided: fc.boolean(),
    sharing: basisPoints(),
    downside: basisPoints(),
    stopGain: basisPoints(),
    stopLoss: basisPoints(),
    outlierCap: basisPoints(10_000, 30_000),
    minimumEpisodes: fc.integer({ min: 0, max: 8 }),
    gate: basisPoints(),
    goals,
  })
  .map((t) => ({
    riskSharing: {
      model: t.isTwoSided ? ('two_sided' as const) : ('one_sided' as const),
      sharingRate: t.sharing / 10_000,
      downsideRate: t.isTwoSided ? t.downside / 10_000 : null,
      stopGainShare: t.stopGain / 10_000,
      stopLossShare: t.isTwoSided ? t.stopLoss / 10_000 : null,
      outlierCap: t.outlierCap / 10_000,
      minimumEpisodes: t.minimumEpisodes,
    },
    qualityGoals: t.goals,
    qualityGate: t.gate / 10_000,
  }))

const period = fc.record({ terms, episodes: fc.array(episode, { maxLength: 30 }) })

/** share × cents rounded half up to the cent, computed exactly from the share's basis points. */
function capCents(share: number, totalCents: number): number {
  const basis = BigInt(Math.round(share * 10_000))
  return Number((2n * basis * BigInt(totalCents) + 10_000n) / 20_000n)
}

describe('reconcilePeriod: properties', () => {
  it('never settles more than G × Σ Bench to the center nor more than L × Σ Bench from it (each rounded half up to the cent)', () => {
    fc.assert(
      fc.property(period, ({ terms, episodes }) => {
        const statement = reconcilePeriod(terms, episodes)
        const { stopGainShare, stopLossShare } = terms.riskSharing
        expect(Number.isSafeInteger(statement.settlementCents)).toBe(true)
        expect(statement.settlementCents).toBeLessThanOrEqual(capCents(stopGainShare, statement.totalBenchmarkCents))
        expect(statement.settlementCents).toBeLessThanOrEqual(stopGainShare * statement.totalBenchmarkCents + 0.5)
        if (stopLossShare === null) expect(statement.settlementCents).toBeGreaterThanOrEqual(0)
        else {
          expect(statement.settlementCents).toBeGreaterThanOrEqual(-capCents(stopLossShare, statement.totalBenchmarkCents))
          expect(statement.settlementCents).toBeGreaterThanOrEqual(-(stopLossShare * statement.totalBenchmarkCents + 0.5))
        }
      }),
      RUNS,
    )
  })

  it("the statement's totals equal the sum of its episodes to the cent, and each episode's numbers add up", () => {
    fc.assert(
      fc.property(period, ({ terms, episodes }) => {
        const statement = reconcilePeriod(terms, episodes)
        const sum = (pick: (line: (typeof statement.episodes)[number]) => number) => statement.episodes.reduce((total, line) => total + pick(line), 0)
        expect(statement.episodes).toHaveLength(episodes.length)
        expect(statement.totalBenchmarkCents).toBe(sum((line) => line.benchmarkCents))
        expect(statement.totalActualSpendCents).toBe(sum((line) => line.actualSpendCents))
        expect(statement.totalCountedSpendCents).toBe(sum((line) => line.countedSpendCents))
        expect(statement.grossSavingsCents).toBe(sum((line) => line.savingsCents))
        expect(statement.grossSavingsCents).toBe(statement.totalBenchmarkCents - statement.totalCountedSpendCents)
        for (const line of statement.episodes) {
          expect(line.actualSpendCents).toBe(line.bundleCents + line.travelPaidCents + line.incentiveCents + line.otherClaimsCents - line.warrantyCreditCents)
          expect(line.outlierCapCents).toBe(capCents(terms.riskSharing.outlierCap, line.benchmarkCents))
          expect(line.countedSpendCents).toBe(Math.min(line.actualSpendCents, line.outlierCapCents))
          expect(line.isTruncated).toBe(line.countedSpendCents < line.actualSpendCents)
          expect(line.savingsCents).toBe(line.benchmarkCents - line.countedSpendCents)
        }
        const stepCents = Object.fromEntries(statement.steps.map((step) => [step.key, step.cents]))
        expect(stepCents).toMatchObject({
          total_benchmark: statement.totalBenchmarkCents,
          actual_spend: statement.totalActualSpendCents,
          outlier_cap: statement.totalCountedSpendCents,
          gross_savings: statement.grossSavingsCents,
          settlement: statement.settlementCents,
        })
        expect(statement.steps.at(-1)!.key).toBe('settlement')
      }),
      RUNS,
    )
  })

  it('pays in the direction of S, at most s × S; nothing below n₀; the gate only holds back savings', () => {
    fc.assert(
      fc.property(period, ({ terms, episodes }) => {
        const statement = reconcilePeriod(terms, episodes)
        const { settlementCents, grossSavingsCents } = statement
        if (episodes.length < terms.riskSharing.minimumEpisodes || episodes.length === 0) expect(settlementCents).toBe(0)
        if (grossSavingsCents >= 0) {
          expect(settlementCents).toBeGreaterThanOrEqual(0)
          expect(settlementCents).toBeLessThanOrEqual(capCents(terms.riskSharing.sharingRate, grossSavingsCents))
          if (!statement.isGateMet) expect(settlementCents).toBe(0)
        } else expect(settlementCents).toBeLessThanOrEqual(0)
        expect(statement.paidBy).toBe(settlementCents > 0 ? 'purchaser' : settlementCents < 0 ? 'center' : null)
        expect(statement.compositeScore).toBeGreaterThanOrEqual(0)
        expect(statement.compositeScore).toBeLessThanOrEqual(1)
      }),
      RUNS,
    )
  })

  it('does not depend on the order of the episodes', () => {
    fc.assert(
      fc.property(period, ({ terms, episodes }) => {
        const forward = reconcilePeriod(terms, episodes)
        const backward = reconcilePeriod(terms, [...episodes].reverse())
        expect(backward.settlementCents).toBe(forward.settlementCents)
        expect(backward.grossSavingsCents).toBe(forward.grossSavingsCents)
        expect(backward.compositeScore).toBe(forward.compositeScore)
        expect(backward.outcome).toBe(forward.outcome)
      }),
      RUNS,
    )
  })
})
