import { z } from 'zod'
import { checkbox, dollarsField, isoDate, plainTextForm, wholeNumber } from './fields'

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
    status: z.enum(['active', 'withdrawn'], { errorMap: () => ({ message: 'Choose active or withdrawn' }) }),
    /** The price change applies to new contracts and program versions only (asked when the offer is in one, issue 22). */
    confirmPriceChange: checkbox,
  })
  .superRefine((offer, ctx) => {
    if (offer.validTo && offer.validTo < offer.validFrom) ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'The offer cannot end before it starts' })
  }))

export type OfferInput = z.output<typeof OfferSchema>
