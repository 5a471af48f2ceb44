import { describe, expect, it } from 'vitest'
import { draftContractTerms } from '~/domain/contracts/draft'
import { ContractTermsSchema } from '~/domain/contracts/terms'
import { formNameOfIssue, termsFieldErrors, termsInputFromForm, termsToFormValues } from '~/forms/contract-terms'

const terms = draftContractTerms({
  offers: [{ offerId: 'o1', facilityId: 'f1', procedureCode: 'TKA', bundleCents: 2_812_345, includes: ['facility', 'implant'], warrantyDays: 90, appointmentWithinDays: 10 }],
  benchmarkCents: { TKA: 4_500_000 },
  today: '2026-12-05',
})

describe('the contract terms form', () => {
  it('round-trips the stored terms exactly (dollars and percentages back to cents and fractions)', () => {
    const values = termsToFormValues(terms)
    expect(values['bundleRates[0].bundleDollars']).toEqual(['28123.45'])
    expect(values['riskSharing.sharingRate']).toEqual(['50'])
    expect(values['goals.complication_rate_90d.target']).toEqual(['5'])
    expect(ContractTermsSchema.parse(termsInputFromForm(values).input)).toEqual(terms)
  })

  it('reads one review date per input, in input order, and drops an emptied input', () => {
    const values = termsToFormValues(terms)
    expect(values['reporting.reviewDates[0]']).toEqual([terms.reporting.reviewDates[0]])
    expect(values['reporting.reviewDates[1]']).toEqual([terms.reporting.reviewDates[1]])
    const edited = { ...values, 'reporting.reviewDates[0]': [''], 'reporting.reviewDates[2]': ['2027-09-15'], 'reporting.reviewDates[10]': [' 2027-11-01 '] }
    const input = termsInputFromForm(edited).input as { reporting: { reviewDates: string[] } }
    expect(input.reporting.reviewDates).toEqual([terms.reporting.reviewDates[1], '2027-09-15', '2027-11-01'])
  })

  it('turns typed percentages into exact fractions', () => {
    const values = { ...termsToFormValues(terms), 'riskSharing.sharingRate': ['7.25'], 'riskSharing.stopGainShare': ['12.5'] }
    const parsed = ContractTermsSchema.parse(termsInputFromForm(values).input)
    expect(parsed.riskSharing).toMatchObject({ sharingRate: 0.0725, stopGainShare: 0.125 })
  })

  it('keys each error by its input: goals by measure, amounts by their dollar input, lists by the list', () => {
    const goals = ['complication_rate_90d', 'pro_share'] as const
    expect(formNameOfIssue(['qualityGoals', 1, 'target'], goals)).toBe('goals.pro_share.target')
    expect(formNameOfIssue(['qualityGoals'], goals)).toBe('qualityGoals')
    expect(formNameOfIssue(['bundleRates', 0, 'bundleCents'], goals)).toBe('bundleRates[0].bundleDollars')
    expect(formNameOfIssue(['benchmarks', 2, 'benchmarkCents'], goals)).toBe('benchmarks[2].benchmarkDollars')
    expect(formNameOfIssue(['reporting', 'reviewDates', 1], goals)).toBe('reporting.reviewDates')
    expect(formNameOfIssue([], goals)).toBe('terms')
  })

  it('gives a number that is not a number the field message', () => {
    const values = { ...termsToFormValues(terms), 'warranty.windowDays': ['ninety'], 'bundleRates[0].bundleDollars': ['$28,000.50'] }
    const { input, goalMeasures } = termsInputFromForm(values)
    const result = ContractTermsSchema.safeParse(input)
    expect(result.success).toBe(false)
    if (!result.success) expect(termsFieldErrors(result.error.issues, goalMeasures)).toEqual({ 'warranty.windowDays': ['Enter a warranty window of 0 to 365 whole days'] })
  })
})
