import { z } from 'zod'
import { plainTextForm } from './fields'

/** The share of covered members one file may end before it needs a confirmation (issue 17). */
export const TerminationLimitSchema = plainTextForm(
  z.object({
    intent: z.literal('limit'),
    percent: z.coerce
      .number({ required_error: 'Enter a percentage from 1 to 100', invalid_type_error: 'Enter a whole percentage from 1 to 100' })
      .int('Enter a whole percentage from 1 to 100')
      .min(1, 'Enter a whole percentage from 1 to 100')
      .max(100, 'Enter a whole percentage from 1 to 100'),
  }),
)

/** An 834 REF*1L group or policy number and the plan it stands for. */
export const PlanCodeSchema = plainTextForm(
  z.object({
    intent: z.literal('add-code'),
    code: z
      .string({ required_error: 'Enter the group or policy number as it appears in REF*1L' })
      .trim()
      .max(50, 'A group or policy number has at most 50 characters')
      .regex(/^[A-Za-z0-9._-]+$/, 'Use only letters, digits, dots, hyphens and underscores, as in REF*1L'),
    healthPlanId: z.string({ required_error: 'Choose the plan this code stands for' }).min(1, 'Choose the plan this code stands for'),
  }),
)

/** Roster member look-up: name, employee id or ZIP. */
export const MemberSearchSchema = plainTextForm(
  z.object({
    q: z.string().trim().max(60, 'Search with at most 60 characters').optional(),
    page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
  }),
)
