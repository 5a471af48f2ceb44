import { describe, expect, it } from 'vitest'
import {
  assessWarrantyEvent,
  isPeriodFrozen,
  isWarrantyFormOffered,
  MAX_WARRANTY_CLAIM_CENTS,
  warrantyWindow,
  type WarrantyCaseFacts,
  type WarrantyEventInput,
} from '~/domain/contracts/warranty'
import type { ContractTerms } from '~/domain/contracts/terms'

/*
 * Worked example: a knee replacement on 2026-03-10 with 2 typical nights, so discharge is
 * 2026-03-12; a 90-day warranty window then ends on 2026-06-10. A readmission elsewhere billed
 * $8,450.25 costs 845,025 cents and is credited back in full; the same readmission at the center
 * is invoiced at $0 and credits nothing.
 */
const BOTH: ContractTerms['warranty'] = { windowDays: 90, covers: ['complications', 'readmissions'] }
const KNEE: WarrantyCaseFacts = { status: 'completed', procedureDate: '2026-03-10', typicalNights: 2 }
const TODAY = '2026-07-01'
const event = (changes: Partial<WarrantyEventInput> = {}): WarrantyEventInput => ({
  kind: 'readmission',
  occurredOn: '2026-04-02',
  place: 'elsewhere',
  providerName: 'Riverside Methodist',
  description: 'Readmitted for a wound infection',
  claimCents: 845_025,
  ...changes,
})

describe('the warranty window', () => {
  it.each([
    [BOTH, '2026-03-10', 2, { from: '2026-03-10', dischargeDate: '2026-03-12', lastDay: '2026-06-10', windowDays: 90 }],
    [{ windowDays: 30, covers: ['complications'] }, '2026-12-20', 0, { from: '2026-12-20', dischargeDate: '2026-12-20', lastDay: '2027-01-19', windowDays: 30 }],
    [{ windowDays: 365, covers: ['readmissions'] }, '2028-02-28', 1, { from: '2028-02-28', dischargeDate: '2028-02-29', lastDay: '2029-02-28', windowDays: 365 }],
  ] as const)('%j after a procedure on %s with %i nights', (warranty, procedureDate, nights, expected) => {
    expect(warrantyWindow({ ...warranty, covers: [...warranty.covers] }, procedureDate, nights)).toEqual(expected)
  })

  const open = { periodStart: '2026-01-01', periodEnd: '2026-12-31', status: 'open' as const, carriedIntoPeriodId: null }
  it.each([
    ['before the procedure day', '2026-03-09', null, false],
    ['on the procedure day, before any period exists', '2026-03-10', null, true],
    ['on the last day of the window', '2026-06-10', open, true],
    // A claim for care elsewhere arrives after the window ended: the event is inside it, so the form stays.
    ['after the window, its period still open', '2026-09-11', open, true],
    ['its period reconciled', '2027-04-01', { ...open, status: 'reconciled' as const }, false],
    ['its period reconciled with its episodes carried forward', '2027-04-01', { ...open, status: 'reconciled' as const, carriedIntoPeriodId: 'p2' }, true],
  ])('the form is offered %s (%s): %s', (_name, today, period, expected) => {
    expect(isWarrantyFormOffered(warrantyWindow(BOTH, '2026-03-10', 2), today, period)).toBe(expected)
  })

  it('a period is closed for good once reconciled without carrying forward', () => {
    expect(isPeriodFrozen(null)).toBe(false)
    expect(isPeriodFrozen(open)).toBe(false)
    expect(isPeriodFrozen({ ...open, status: 'closed' })).toBe(true)
    expect(isPeriodFrozen({ ...open, status: 'reconciled', carriedIntoPeriodId: 'p2' })).toBe(false)
  })
})

describe('what a warranty event costs and credits', () => {
  it.each<[string, Partial<WarrantyEventInput>, { costCents: number; creditedCents: number; providerName: string | null }]>([
    ['a readmission elsewhere: its claim, credited in full', {}, { costCents: 845_025, creditedCents: 845_025, providerName: 'Riverside Methodist' }],
    ['a complication at the center: invoiced at $0', { kind: 'complication', place: 'center', providerName: null, claimCents: null }, { costCents: 0, creditedCents: 0, providerName: null }],
    ['at the center, a provider typed is dropped (it is the case’s facility)', { place: 'center', providerName: 'Somebody', claimCents: null }, { costCents: 0, creditedCents: 0, providerName: null }],
    ['on the procedure date', { occurredOn: '2026-03-10' }, { costCents: 845_025, creditedCents: 845_025, providerName: 'Riverside Methodist' }],
    ['on the window’s last day', { occurredOn: '2026-06-10' }, { costCents: 845_025, creditedCents: 845_025, providerName: 'Riverside Methodist' }],
    ['one cent', { claimCents: 1 }, { costCents: 1, creditedCents: 1, providerName: 'Riverside Methodist' }],
    ['the largest claim, $10,000,000', { claimCents: MAX_WARRANTY_CLAIM_CENTS }, { costCents: 1_000_000_000, creditedCents: 1_000_000_000, providerName: 'Riverside Methodist' }],
    ['a provider name with spaces around it', { providerName: '  Mercy Hospital ' }, { costCents: 845_025, creditedCents: 845_025, providerName: 'Mercy Hospital' }],
  ])('%s', (_, changes, expected) => {
    expect(assessWarrantyEvent(BOTH, KNEE, event(changes), TODAY)).toMatchObject({ ok: true, ...expected, window: { lastDay: '2026-06-10' } })
  })
})

describe('refusals', () => {
  const RANGE = 'Enter the cost of the care elsewhere, from $0.01 to $10,000,000'
  it.each<[string, ContractTerms['warranty'] | null, WarrantyCaseFacts, Partial<WarrantyEventInput>, Record<string, string>]>([
    ['no contract covers the case', null, KNEE, {}, { '': 'This case is not under a value-based contract, so no warranty covers it' }],
    ['the procedure is not done', BOTH, { status: 'scheduled', procedureDate: null, typicalNights: 2 }, {}, { '': 'Warranty events are recorded once the procedure is done' }],
    ['a contract without a warranty', { windowDays: 0, covers: [] }, KNEE, {}, { '': "This case's contract has no warranty: it covers nothing after discharge" }],
    ['a readmission under a warranty of complications only', { windowDays: 90, covers: ['complications'] }, KNEE, {}, {
      kind: "This contract's warranty does not cover readmissions: it covers complications",
    }],
    ['a complication under a warranty of readmissions only', { windowDays: 90, covers: ['readmissions'] }, KNEE, { kind: 'complication' }, {
      kind: "This contract's warranty does not cover complications: it covers readmissions",
    }],
    ['the day before the procedure', BOTH, KNEE, { occurredOn: '2026-03-09' }, { occurredOn: 'The readmission cannot be before the procedure (March 10, 2026)' }],
    ['the day after the window', BOTH, KNEE, { occurredOn: '2026-06-11' }, {
      occurredOn: 'This readmission is after the warranty window, which ended on June 10, 2026 (90 days after discharge on March 12, 2026)',
    }],
    ['tomorrow (after the window too: the future is named first)', BOTH, KNEE, { occurredOn: '2026-07-02' }, { occurredOn: 'The date of the readmission cannot be in the future' }],
    ['elsewhere without a provider', BOTH, KNEE, { providerName: '   ' }, { providerName: 'Name the hospital or provider where the care took place' }],
    ['elsewhere without a cost', BOTH, KNEE, { claimCents: null }, { costCents: RANGE }],
    ['elsewhere at $0', BOTH, KNEE, { claimCents: 0 }, { costCents: RANGE }],
    ['elsewhere at minus $5', BOTH, KNEE, { claimCents: -500 }, { costCents: RANGE }],
    ['elsewhere above $10,000,000', BOTH, KNEE, { claimCents: MAX_WARRANTY_CLAIM_CENTS + 1 }, { costCents: RANGE }],
    ['elsewhere at a fraction of a cent', BOTH, KNEE, { claimCents: 10.5 }, { costCents: RANGE }],
    ['a cost for care at the center', BOTH, KNEE, { place: 'center', claimCents: 50_000 }, { costCents: 'Care at the center is invoiced at $0: leave the cost empty' }],
    ['a blank description', BOTH, KNEE, { description: '  ' }, { description: 'Describe what happened in a few words' }],
    ['every field wrong at once', BOTH, KNEE, { occurredOn: '2026-01-01', providerName: null, claimCents: null }, {
      occurredOn: 'The readmission cannot be before the procedure (March 10, 2026)',
      providerName: 'Name the hospital or provider where the care took place',
      costCents: RANGE,
    }],
  ])('%s', (_, warranty, facts, changes, expected) => {
    expect(assessWarrantyEvent(warranty, facts, event(changes), TODAY)).toEqual({ ok: false, fieldErrors: expected })
  })
})
