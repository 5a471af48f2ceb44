import type { cases as en } from '../en/cases'
import type { SameKeys } from '../shape'

export const cases: SameKeys<typeof en> = {}
