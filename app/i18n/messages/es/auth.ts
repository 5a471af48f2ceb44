import type { auth as en } from '../en/auth'
import type { SameKeys } from '../shape'

export const auth: SameKeys<typeof en> = {}
