import { auth as authEn } from './en/auth'
import { care as careEn } from './en/care'
import { cases as casesEn } from './en/cases'
import { common as commonEn } from './en/common'
import { auth as authEs } from './es/auth'
import { care as careEs } from './es/care'
import { cases as casesEs } from './es/cases'
import { common as commonEs } from './es/common'

/** Every message of the member-facing pages, by language and namespace (one file per area). */
export const messages = {
  en: { common: commonEn, care: careEn, cases: casesEn, auth: authEn },
  es: { common: commonEs, care: careEs, cases: casesEs, auth: authEs },
} as const

export const NAMESPACES = ['common', 'care', 'cases', 'auth'] as const
export type Namespace = (typeof NAMESPACES)[number]
