import { z } from 'zod'
import { isoDate } from './fields'

/** Ids in forms: bounded text (an unknown id is then a 404 from the service). */
const id = z.string({ required_error: 'Choose a membership' }).trim().min(1, 'Choose a membership').max(100, 'Choose a membership')

/** The coalition's admin: invite an employer by code, withdraw an invitation, end a membership on a last day (issue 23). */
export const CoalitionMembershipForm = z.discriminatedUnion(
  'intent',
  [
    z.object({ intent: z.literal('invite'), code: z.string().max(200, "Enter the employer's code: letters, digits or dashes, like ACME.").default('') }),
    z.object({ intent: z.literal('withdraw'), membershipId: id }),
    z.object({ intent: z.literal('end'), membershipId: id, lastDay: isoDate('last day of membership') }),
  ],
  { errorMap: () => ({ message: 'Choose what to do.' }) },
)

/** The employer's admin: accept or decline an invitation, leave a coalition on a last day. */
export const EmployerCoalitionForm = z.discriminatedUnion(
  'intent',
  [
    z.object({ intent: z.literal('accept'), membershipId: id }),
    z.object({ intent: z.literal('decline'), membershipId: id }),
    z.object({ intent: z.literal('leave'), membershipId: id, lastDay: isoDate('last day of membership') }),
  ],
  { errorMap: () => ({ message: 'Choose what to do.' }) },
)

/** The first message of a failed parse (these forms show one message at a time). */
export function firstIssue(error: z.ZodError): string {
  return error.issues[0]?.message ?? 'Choose what to do.'
}
