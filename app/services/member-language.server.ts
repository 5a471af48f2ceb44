import { getDb } from '~/db/client.server'
import { setPreferredLanguage } from '~/db/repositories/users.server'
import type { Actor } from '~/domain/tenancy'
import type { Language } from '~/i18n/languages'

/** A member's language choice, kept on the account so e-mails about their case use it. */
export async function rememberLanguage(actor: Actor, language: Language): Promise<void> {
  await setPreferredLanguage(getDb(), actor.userId, language)
}
