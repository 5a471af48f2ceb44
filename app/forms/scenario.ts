import { z } from 'zod'
import { plainTextForm } from './fields'
import { DEFAULT_ADOPTION_RATE, OUTSIDE_RULES } from './program'

const flag = z.union([z.literal(0), z.literal(1)])

/** A scenario as stored (JSON): a draft program design with the projection's assumptions. */
export const ScenarioDocumentSchema = z.object({
  procedureIds: z.array(z.string()),
  network: z.array(z.object({ offerId: z.string(), bundlePriceCents: z.number().int().nonnegative() })),
  benefit: z.object({
    deductibleWaived: flag,
    coinsuranceWaived: flag,
    coeCopayCents: z.number().int().nonnegative(),
    completionIncentiveCents: z.number().int().nonnegative(),
    outsideRule: z.enum(OUTSIDE_RULES),
    outsideCoinsuranceRate: z.number().min(0).max(1).nullable(),
  }),
  travel: z.object({
    minDistanceMiles: z.number().int().nonnegative(),
    companionCovered: flag,
    flyThresholdMiles: z.number().int().nonnegative(),
    mileageRateCents: z.number().int().nonnegative(),
    airfareAllowanceCents: z.number().int().nonnegative(),
    lodgingNights: z.number().int().nonnegative().nullable(),
    lodgingNightlyCapCents: z.number().int().nonnegative(),
    mealsPerDiemCents: z.number().int().nonnegative(),
    travelCapCents: z.number().int().nonnegative(),
  }),
  assumptions: z.object({ adoptionRate: z.number().min(0).max(1).default(DEFAULT_ADOPTION_RATE), incidence: z.record(z.number().min(0).max(100)).default({}) }),
})
export type ScenarioDocument = z.output<typeof ScenarioDocumentSchema>

/** A new scenario: blank, from the client's current program, or a copy of another scenario. */
export const NewScenarioSchema = plainTextForm(z
  .object({
    name: z.string({ required_error: 'Name the scenario' }).trim().min(3, 'Name the scenario with at least 3 characters').max(100, 'Keep the name under 100 characters'),
    source: z.enum(['blank', 'program', 'copy'], { errorMap: () => ({ message: 'Choose how to start' }) }),
    copyOf: z.string().optional(),
  })
  .superRefine((value, ctx) => {
    if (value.source === 'copy' && !value.copyOf) ctx.addIssue({ code: 'custom', path: ['copyOf'], message: 'Choose the scenario to copy' })
  }))

export const ScenarioNameSchema = plainTextForm(z.object({
  intent: z.literal('name'),
  name: z.string({ required_error: 'Name the scenario' }).trim().min(3, 'Name the scenario with at least 3 characters').max(100, 'Keep the name under 100 characters'),
}))

export const AssumptionsSchema = plainTextForm(z.object({
  intent: z.literal('assumptions'),
  adoption: z.coerce
    .number({ invalid_type_error: 'Enter the adoption rate as a percentage from 0 to 100' })
    .min(0, 'Enter the adoption rate as a percentage from 0 to 100')
    .max(100, 'Enter the adoption rate as a percentage from 0 to 100'),
}))

/** The proposal made from a comparison: a title, the compared scenarios, the recommended one. */
export const NewProposalSchema = plainTextForm(z
  .object({
    title: z.string({ required_error: 'Give the proposal a title' }).trim().min(3, 'Give the proposal a title of at least 3 characters').max(120, 'Keep the title under 120 characters'),
    scenarioIds: z.array(z.string()).min(1, 'Compare at least one scenario').max(4, 'Compare at most four scenarios'),
    recommendedId: z.string({ required_error: 'Choose the scenario you recommend' }),
  })
  .superRefine((value, ctx) => {
    if (!value.scenarioIds.includes(value.recommendedId)) ctx.addIssue({ code: 'custom', path: ['recommendedId'], message: 'Recommend one of the compared scenarios' })
  }))
