import { z } from 'zod'
import { plainTextForm } from './fields'

/** Messages of these forms in the page's language (a `t` of the `cases` namespace). */
export type Translate = (key: string, options?: Record<string, unknown>) => string

export const MESSAGE_MAX_CHARACTERS = 2000
export const CANCEL_REASON_MIN = 3
export const CANCEL_REASON_MAX = 500

/** One message of a case's thread: 1–2,000 characters once trimmed, no control characters. */
export function caseMessageSchema(t: Translate) {
  return plainTextForm(
    z.object({
      intent: z.literal('message'),
      body: z
        .string({ required_error: t('thread.errors.blank') })
        .trim()
        .min(1, t('thread.errors.blank'))
        .max(MESSAGE_MAX_CHARACTERS, t('thread.errors.long', { max: MESSAGE_MAX_CHARACTERS.toLocaleString('en-US') })),
    }),
    t('thread.errors.control'),
  )
}
export type CaseMessageInput = z.output<ReturnType<typeof caseMessageSchema>>

/** The member's reasons to cancel offered as choices; "other" asks for their own words. */
export const CANCEL_REASONS = ['better_date', 'care_elsewhere', 'feeling_better', 'cost', 'other'] as const

/** The member cancels their request: a reason (a choice, or their own words for "other"), 3–500 characters. */
export function memberCancelSchema(t: Translate) {
  return plainTextForm(
    z
      .object({
        intent: z.literal('cancel'),
        reasonChoice: z.enum(CANCEL_REASONS, { errorMap: () => ({ message: t('cancel.errors.choice') }) }),
        reasonText: z.string().trim().optional(),
      })
      .superRefine((value, ctx) => {
        const text = value.reasonText ?? ''
        if (value.reasonChoice === 'other' && text.length < CANCEL_REASON_MIN) ctx.addIssue({ code: 'custom', path: ['reasonText'], message: t('cancel.errors.short', { min: CANCEL_REASON_MIN }) })
        else if (text.length > CANCEL_REASON_MAX) ctx.addIssue({ code: 'custom', path: ['reasonText'], message: t('cancel.errors.long', { max: CANCEL_REASON_MAX }) })
      }),
    t('thread.errors.control'),
  )
}
export type MemberCancelInput = z.output<ReturnType<typeof memberCancelSchema>>
