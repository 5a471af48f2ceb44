/** Messages of the auth pages (English, the source). */
export const auth = {} as const
