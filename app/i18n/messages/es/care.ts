import type { care as en } from '../en/care'
import type { SameKeys } from '../shape'

export const care: SameKeys<typeof en> = {}
