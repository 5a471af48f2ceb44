/** Messages of the care pages (English, the source). */
export const care = {} as const
