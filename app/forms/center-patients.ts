import { z } from 'zod'
import { PROPOSAL_NOTE_MAX } from '~/domain/cases/surgery-date'
import { ACTIVITIES } from '~/domain/contracts/terms'
import { plainTextForm } from './fields'

/** The health system proposes a surgery date; the range (tomorrow to 18 months) is checked by the service against today. */
export const SurgeryDateProposalSchema = plainTextForm(
  z.object({
    intent: z.literal('propose'),
    proposedDate: z.string({ required_error: 'Enter the surgery date you propose' }).trim().max(10, 'Enter the surgery date as a real date'),
    note: z.string().trim().max(PROPOSAL_NOTE_MAX, `Keep the note to ${PROPOSAL_NOTE_MAX} characters`).optional(),
  }),
)

export const WithdrawProposalSchema = z.object({ intent: z.literal('withdraw') })

export const CaseTaskSchema = z.object({
  intent: z.literal('task'),
  activity: z.enum(ACTIVITIES, { errorMap: () => ({ message: 'Choose one of the tasks listed' }) }),
})

/** The care coordinator's answer to a proposal: confirm it, or decline it with a reason. */
export const ProposalDecisionSchema = plainTextForm(
  z
    .object({
      intent: z.enum(['confirm-proposal', 'decline-proposal']),
      proposalId: z.string({ required_error: 'Choose the proposal' }).max(64),
      reason: z.string().trim().max(500, 'Keep the reason to 500 characters').optional(),
    })
    .superRefine((value, ctx) => {
      if (value.intent === 'decline-proposal' && !value.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Say why you decline the proposed date' })
    }),
)
