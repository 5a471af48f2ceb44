import { z } from 'zod'
import { dollarsField, percentField, plainTextForm } from './fields'

export const PLAN_TYPES = ['PPO', 'HMO', 'EPO', 'POS', 'HDHP'] as const

/** Shape of the health-plan form; cross-field checks that need no database live here too. */
export const HealthPlanSchema = plainTextForm(z
  .object({
    name: z
      .string({ required_error: 'Enter a plan name' })
      .trim()
      .min(2, 'Enter a plan name of at least 2 characters')
      .max(80, 'Keep the plan name under 80 characters'),
    planType: z.enum(PLAN_TYPES, { errorMap: () => ({ message: 'Choose the plan type' }) }),
    isHsaQualified: z
      .literal('on')
      .optional()
      .transform((value) => value === 'on'),
    deductibleIndividualCents: dollarsField('individual deductible', { max: 50_000 }),
    deductibleFamilyCents: dollarsField('family deductible', { max: 100_000 }),
    coinsuranceRate: percentField('coinsurance'),
    oopMaxIndividualCents: dollarsField('individual out-of-pocket maximum', { max: 50_000 }),
    oopMaxFamilyCents: dollarsField('family out-of-pocket maximum', { max: 100_000 }),
  })
  .superRefine((plan, ctx) => {
    if (plan.deductibleFamilyCents < plan.deductibleIndividualCents) {
      ctx.addIssue({ code: 'custom', path: ['deductibleFamilyCents'], message: 'The family deductible cannot be below the individual deductible' })
    }
    if (plan.oopMaxIndividualCents < plan.deductibleIndividualCents) {
      ctx.addIssue({ code: 'custom', path: ['oopMaxIndividualCents'], message: 'The out-of-pocket maximum cannot be below the deductible' })
    }
    if (plan.oopMaxFamilyCents < plan.oopMaxIndividualCents) {
      ctx.addIssue({ code: 'custom', path: ['oopMaxFamilyCents'], message: 'The family out-of-pocket maximum cannot be below the individual one' })
    }
    if (plan.isHsaQualified && plan.planType !== 'HDHP') {
      ctx.addIssue({ code: 'custom', path: ['isHsaQualified'], message: 'Only a high-deductible health plan (HDHP) can be HSA-qualified' })
    }
  }))

export type HealthPlanInput = z.output<typeof HealthPlanSchema>
