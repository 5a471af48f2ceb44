import { z } from 'zod'
import { TIN_MESSAGE, parseTin } from '~/domain/offers/provider-ids'
import { plainTextForm } from './fields'

/** The plan sponsor's EIN on the employer's Transparency in Coverage page (issue 23). */
export const PlanSponsorEinSchema = plainTextForm(
  z.object({
    ein: z.string({ required_error: TIN_MESSAGE }).superRefine((text, ctx) => {
      const result = parseTin(text)
      if (!result.ok) ctx.addIssue({ code: 'custom', message: result.message })
    }),
  }),
)
