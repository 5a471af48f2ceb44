import { z } from 'zod'
import { MAX_WARRANTY_CLAIM_CENTS, WARRANTY_EVENT_KINDS, WARRANTY_PLACES } from '~/domain/contracts/warranty'
import { formatCents, parseDollarsToCents } from '~/domain/money'
import { isoDate, plainTextForm } from './fields'

/** The longest description of a warranty event: a sentence or two, not the medical record. */
export const MAX_WARRANTY_DESCRIPTION = 1000

const RANGE_MESSAGE = `Enter the cost of the care elsewhere, from $0.01 to ${formatCents(MAX_WARRANTY_CLAIM_CENTS, { wholeDollars: true })}`

/**
 * The cost of care elsewhere in dollars, as cents; empty is null (care at the center has none).
 * A negative, zero or too large amount gets the range; anything that is not dollars ("1e9",
 * "$abc") gets an example of how to write it.
 */
const claimDollars = z
  .string()
  .trim()
  .optional()
  .transform((text, ctx) => {
    if (!text) return null
    const cents = parseDollarsToCents(text)
    if (cents === null) {
      const isNegative = /^-\$?[\d,]+(\.\d{1,2})?$|^\$-[\d,]+(\.\d{1,2})?$/.test(text)
      ctx.addIssue({ code: 'custom', message: isNegative ? RANGE_MESSAGE : 'Enter the cost of the care elsewhere in dollars, like 1500 or 1,500.00' })
      return z.NEVER
    }
    if (cents <= 0 || cents > MAX_WARRANTY_CLAIM_CENTS) {
      ctx.addIssue({ code: 'custom', message: RANGE_MESSAGE })
      return z.NEVER
    }
    return cents
  })

/**
 * A warranty event on a case (issue 21, ADR 0016 §9): its shape only. Whether the contract covers
 * it, the window, and what care elsewhere needs are the domain's (app/domain/contracts/warranty.ts).
 */
export const WarrantyEventSchema = plainTextForm(z.object({
  intent: z.literal('warranty'),
  kind: z.enum(WARRANTY_EVENT_KINDS, { errorMap: () => ({ message: 'Choose a complication or a readmission' }) }),
  occurredOn: isoDate('date it happened'),
  place: z.enum(WARRANTY_PLACES, { errorMap: () => ({ message: 'Choose where the care took place: at the center or elsewhere' }) }),
  providerName: z.string().trim().max(200, 'Keep the provider name under 200 characters').optional().transform((name) => name || null),
  description: z
    .string({ required_error: 'Describe what happened in a few words' })
    .trim()
    .min(1, 'Describe what happened in a few words')
    .max(MAX_WARRANTY_DESCRIPTION, 'Keep the description under 1,000 characters'),
  costCents: claimDollars,
}))
export type WarrantyEventFormInput = z.output<typeof WarrantyEventSchema>
