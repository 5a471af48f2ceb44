import { parseWithZod } from '@conform-to/zod'
import { describe, expect, it } from 'vitest'
import { HealthPlanSchema } from '~/forms/health-plan'

function form(values: Record<string, string>) {
  const data = new FormData()
  for (const [key, value] of Object.entries(values)) data.set(key, value)
  return data
}

const VALID = {
  name: 'Choice PPO',
  planType: 'PPO',
  deductibleIndividualCents: '1,500',
  deductibleFamilyCents: '3000',
  coinsuranceRate: '20',
  oopMaxIndividualCents: '$5,000',
  oopMaxFamilyCents: '10000.00',
}

describe('HealthPlanSchema', () => {
  it('turns dollars into cents and a percentage into a rate', () => {
    const result = parseWithZod(form(VALID), { schema: HealthPlanSchema })
    expect(result.status).toBe('success')
    if (result.status !== 'success') return
    expect(result.value).toEqual({
      name: 'Choice PPO',
      planType: 'PPO',
      isHsaQualified: false,
      deductibleIndividualCents: 150_000,
      deductibleFamilyCents: 300_000,
      coinsuranceRate: 0.2,
      oopMaxIndividualCents: 500_000,
      oopMaxFamilyCents: 1_000_000,
    })
  })

  it.each([
    [{ name: '' }, 'name', 'Enter a plan name'],
    [{ planType: 'CASH' }, 'planType', 'Choose the plan type'],
    [{ deductibleIndividualCents: '-5' }, 'deductibleIndividualCents', 'The individual deductible must be from $0 to $50,000'], // a negative amount gets the range
    [{ deductibleIndividualCents: '60000' }, 'deductibleIndividualCents', 'The individual deductible must be from $0 to $50,000'],
    [{ coinsuranceRate: '120' }, 'coinsuranceRate', 'Enter the coinsurance as a percentage from 0 to 100'],
    [{ deductibleFamilyCents: '1000' }, 'deductibleFamilyCents', 'The family deductible cannot be below the individual deductible'],
    [{ oopMaxIndividualCents: '1000' }, 'oopMaxIndividualCents', 'The out-of-pocket maximum cannot be below the deductible'],
    [{ oopMaxFamilyCents: '4000' }, 'oopMaxFamilyCents', 'The family out-of-pocket maximum cannot be below the individual one'],
    [{ isHsaQualified: 'on' }, 'isHsaQualified', 'Only a high-deductible health plan (HDHP) can be HSA-qualified'],
  ])('rejects %j with a message on %s', (change, field, message) => {
    const result = parseWithZod(form({ ...VALID, ...change }), { schema: HealthPlanSchema })
    expect(result.status).toBe('error')
    expect(result.reply().error?.[field]).toContain(message)
  })
})
