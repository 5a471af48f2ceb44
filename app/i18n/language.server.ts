import { createCookie } from '@remix-run/node'
import Negotiator from 'negotiator'
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGES, type Language } from './languages'

/** The chosen language, remembered for a year (not a secret: no signing needed). */
export const languageCookie = createCookie('lang', { path: '/', sameSite: 'lax', httpOnly: true, maxAge: 365 * 24 * 60 * 60 })

/**
 * The language of a request: the one the person chose (cookie), else the browser's preference
 * (Accept-Language, negotiated), else English.
 */
export async function languageOf(request: Request): Promise<Language> {
  const chosen: unknown = await languageCookie.parse(request.headers.get('Cookie'))
  if (isLanguage(chosen)) return chosen
  const preferred = new Negotiator({ headers: { 'accept-language': request.headers.get('Accept-Language') ?? undefined } }).language([...LANGUAGES])
  return isLanguage(preferred) ? preferred : DEFAULT_LANGUAGE
}
