import { z } from 'zod'
import { parseNpi, parseTin, type ProviderIdResult } from '~/domain/offers/provider-ids'
import { checkbox, dollarsField, isoDate, plainTextForm, wholeNumber } from './fields'

/** An optional provider identifier: empty stays unset; anything typed must pass its validator (issue 23). */
function providerId(parse: (text: string) => ProviderIdResult) {
  return z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined || text.trim() === '') return undefined
      const result = parse(text)
      if (!result.ok) {
        ctx.addIssue({ code: 'custom', message: result.message })
        return z.NEVER
      }
      return result.value
    })
}

/** A health system's bundled offer as its contracting staff edit it. */
export const OfferSchema = plainTextForm(z
  .object({
    facilityId: z.string({ required_error: 'Choose the facility' }).min(1, 'Choose the facility'),
    procedureId: z.string({ required_error: 'Choose the procedure' }).min(1, 'Choose the procedure'),
    priceCents: dollarsField('bundled price', { max: 2_000_000, aboveZero: true }),
    includesFacility: checkbox,
    includesSurgeon: checkbox,
    includesAnesthesia: checkbox,
    includesImplant: checkbox,
    includesFollowUp: checkbox,
    warrantyDays: wholeNumber('warranty', 730),
    followUpVisits: wholeNumber('number of follow-up visits', 50),
    annualVolume: wholeNumber('yearly volume', 100_000).optional(),
    accreditation: z.string().trim().max(300, 'Keep the accreditation under 300 characters').optional(),
    appointmentWithinDays: wholeNumber('time to appointment', 365).optional(),
    validFrom: isoDate('first day the offer is valid'),
    validTo: isoDate('last day the offer is valid').optional(),
    /** The billing TIN (EIN) and the facility's NPI, named in the Transparency in Coverage file (issue 23). */
    tin: providerId(parseTin),
    npi: providerId(parseNpi),
    status: z.enum(['active', 'withdrawn'], { errorMap: () => ({ message: 'Choose active or withdrawn' }) }),
    /** The price change applies to new contracts and program versions only (asked when the offer is in one, issue 22). */
    confirmPriceChange: checkbox,
  })
  .superRefine((offer, ctx) => {
    if (offer.validTo && offer.validTo < offer.validFrom) ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'The offer cannot end before it starts' })
  }))

export type OfferInput = z.output<typeof OfferSchema>
