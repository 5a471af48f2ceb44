/** Messages of the cases pages (English, the source). */
export const cases = {} as const
