import { describe, expect, it } from 'vitest'
import { reconcilePeriod, type AttributedEpisode } from '~/domain/contracts/reconciliation'
import {
  canonicalJson,
  carryForwardWords,
  episodePage,
  settlementStatusWords,
  settlementWords,
  statementCsvRows,
  StatementDocumentSchema,
  type StatementDocument,
} from '~/domain/contracts/statement'

const episode = (caseId: string, money: Partial<AttributedEpisode> = {}): AttributedEpisode => ({
  caseId,
  procedureCode: 'TKA',
  benchmarkCents: 3_000_000,
  bundleCents: 2_500_000,
  travelPaidCents: 100_000,
  incentiveCents: 50_000,
  otherClaimsCents: 0,
  warrantyCreditCents: 0,
  ...money,
  outcomes: { hadComplication90d: false, wasReadmitted30d: false, satisfaction: 9, hasPatientReportedOutcomes: true, daysToFirstConsult: 7 },
})

const terms = {
  riskSharing: { model: 'one_sided' as const, sharingRate: 0.5, downsideRate: null, stopGainShare: 0.1, stopLossShare: null, outlierCap: 2, minimumEpisodes: 2 },
  qualityGoals: [{ measure: 'complication_rate_90d' as const, direction: 'lower_is_better' as const, target: 0.05, weight: 1 }],
  qualityGate: 0.5,
}

function documentOf(episodes: AttributedEpisode[], carryForward: StatementDocument['carryForward'] = null): StatementDocument {
  const period = { sequence: 1, periodStart: '2027-01-01', periodEnd: '2027-12-31' }
  return {
    contract: { id: 'c', title: 'Knees 2027', purchaserName: 'Acme', healthSystemName: 'Good Health' },
    version: { id: 'v', number: 1, termsSha256: 'a'.repeat(64) },
    period: { id: 'p', ...period, closesOn: '2028-03-30' },
    attributedFrom: '2027-01-01',
    carriedFrom: [],
    carryForward,
    episodeFacts: episodes.map((e) => ({ caseId: e.caseId, facilityId: 'f', facilityName: 'Good Hospital', procedureDate: '2027-03-01', dischargeDate: '2027-03-02', originalPeriod: period })),
    warrantyCredits: [],
    reconciliation: reconcilePeriod(terms, episodes),
    closedAt: '2028-04-01T10:00:00.000Z',
  }
}

describe('canonicalJson', () => {
  it('sorts keys at every level, so the same value always hashes the same', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: null }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":null,"z":1}]},"b":1}')
    expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson({ a: 1 }))
  })
})

describe('a stored statement', () => {
  it('round-trips through its schema', () => {
    const document = documentOf([episode('c1'), episode('c2')])
    expect(StatementDocumentSchema.parse(JSON.parse(JSON.stringify(document)))).toEqual(document)
  })

  it('says who pays whom', () => {
    // Each episode saves $3,500 (A = $26,500); S = $7,000; Q = 1; 50% × 1 × $7,000 = $3,500 (below G = 10% × $60,000 = $6,000).
    const document = documentOf([episode('c1'), episode('c2')])
    expect(document.reconciliation.settlementCents).toBe(350_000)
    expect(settlementWords(document)).toBe('Acme pays Good Health $3,500.00.')
    expect(settlementWords(documentOf([episode('c1')]))).toBe('Nothing is owed either way: the settlement is $0.00, so there is nothing to settle.')
  })

  it('says where episodes below the minimum carry, or that there is no later period', () => {
    const next = { sequence: 2, periodStart: '2028-01-01', periodEnd: '2028-12-31' }
    expect(carryForwardWords(documentOf([episode('c1')], { into: next }))).toBe(
      "Fewer than the minimum of 2 episodes: nothing settles now, and this episode carries forward into period 2 (2028-01-01 to 2028-12-31), to be reconciled with that period's own episodes.",
    )
    expect(carryForwardWords(documentOf([episode('c1')], { into: null }))).toBe(
      "Fewer than the minimum of 2 episodes, and this is the contract's last period: there is no later period to carry this episode into, so nothing settles for it.",
    )
    expect(carryForwardWords(documentOf([], { into: next }))).toBe(
      'Fewer than the minimum of 2 episodes: no episode was attributed, so nothing settles now; period 2 (2028-01-01 to 2028-12-31) is reconciled on its own episodes.',
    )
    expect(carryForwardWords(documentOf([episode('c1'), episode('c2')]))).toBeNull()
  })

  it('states the settlement status', () => {
    const base = { cents: 350_000, words: '', reason: '', needsSettlement: true, settledVia: null, reference: null, settledAt: null }
    expect(settlementStatusWords(base)).toBe('Not settled yet.')
    expect(settlementStatusWords({ ...base, settledVia: 'ledger', reference: 'SET-2028-0001', settledAt: '2028-04-02T09:00:00.000Z' })).toBe(
      'Settled through the ledger on 2028-04-02: settlement SET-2028-0001.',
    )
    expect(settlementStatusWords({ ...base, cents: -100, settledVia: 'stripe', reference: 'cbtxn_1', settledAt: '2028-04-02T09:00:00.000Z' })).toBe(
      'Settled through Stripe on 2028-04-02: credit to the purchaser’s balance cbtxn_1.',
    )
    expect(settlementStatusWords({ ...base, cents: 0, needsSettlement: false })).toBe('No settlement needed: nothing is owed either way.')
  })
})

describe('statementCsvRows', () => {
  it('has the header, one row per episode and a totals row whose sums are the episodes’ to the cent', () => {
    // c2 is an outlier: A = $70,000 + $1,000 + $500 = $71,500, capped at 2 × $30,000 = $60,000, savings −$30,000.
    const rows = statementCsvRows(documentOf([episode('c1', { warrantyCreditCents: 12_345 }), episode('c2', { bundleCents: 7_000_000 })]))
    expect(rows).toHaveLength(4)
    expect(rows[0]!.slice(0, 3)).toEqual(['row', 'case_id', 'procedure'])
    expect(rows[1]).toEqual(['episode', 'c1', 'TKA', 'Good Hospital', '2027-03-01', 1, '30000.00', '25000.00', '1000.00', '500.00', '0.00', '123.45', '26376.55', '60000.00', '26376.55', 'no', '3623.45', '', ''])
    expect(rows[2]!.slice(12, 17)).toEqual(['71500.00', '60000.00', '60000.00', 'yes', '-30000.00'])
    // Totals: Σ Bench $60,000; Σ A $97,876.55; counted $86,376.55; S = $3,623.45 − $30,000 = −$26,376.55; one-sided: settles $0.
    expect(rows[3]).toEqual(['totals', '2 episodes', '', '', '', 1, '60000.00', '95000.00', '2000.00', '1000.00', '0.00', '123.45', '97876.55', '', '86376.55', '1', '-26376.55', '0.00', 'nothing owed'])
  })
})

describe('episodePage', () => {
  it('pages 100 episodes at a time and never leaves the pages there are', () => {
    expect(episodePage(null, 2_000)).toEqual({ page: 1, pages: 20, from: 0, to: 100 })
    expect(episodePage('20', 2_000)).toEqual({ page: 20, pages: 20, from: 1_900, to: 2_000 })
    expect(episodePage('21', 2_000)).toMatchObject({ page: 20 })
    expect(episodePage('0', 2_000)).toMatchObject({ page: 1 })
    expect(episodePage('-3', 2_000)).toMatchObject({ page: 1 })
    expect(episodePage('abc', 2_000)).toMatchObject({ page: 1 })
    expect(episodePage('99999999999999999999', 2_000)).toMatchObject({ page: 1 })
    expect(episodePage('2', 0)).toEqual({ page: 1, pages: 1, from: 0, to: 0 })
  })
})
