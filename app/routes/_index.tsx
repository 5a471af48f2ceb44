import { redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link } from '@remix-run/react'
import { useTranslation } from '~/i18n/use-translation'
import { getOptionalActor } from '~/auth/guard.server'
import { HOME_PATH } from '~/auth/permissions'
import { DEFAULT_LANGUAGE, isLanguage } from '~/i18n/languages'
import { fixedT } from '~/i18n/translator'
import { LanguageSwitch } from '~/ui/language-switch'
import { TermsExplained } from '~/ui/terms-explained'

export const meta: MetaFunction = ({ matches }) => {
  const language = (matches.find((match) => match.id === 'root')?.data as { language?: unknown } | undefined)?.language
  const t = fixedT(isLanguage(language) ? language : DEFAULT_LANGUAGE, 'auth')
  return [{ title: t('home.title') }, { name: 'description', content: t('home.description') }]
}

/** Signed-in users go to their role's home; visitors see what the product is. */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await getOptionalActor(request)
  if (actor) throw redirect(HOME_PATH[actor.role])
  return null
}

export default function IndexRoute() {
  const { t } = useTranslation('auth')
  const { t: tc } = useTranslation()
  return (
    <main id="main" className="landing">
      <div className="landing__inner">
        <LanguageSwitch />
        <p className="brand brand--large">
          <span className="brand__mark" aria-hidden="true">
            +
          </span>
          {tc('brand')}
        </p>
        <h1>{t('home.heading')}</h1>
        <p className="lead">{t('home.lead')}</p>
        <p>{t('home.roles')}</p>
        <TermsExplained terms={['centerOfExcellence', 'bundle']} />
        <p>
          <Link className="button button--primary" to="/login">
            {t('home.signIn')}
          </Link>
        </p>
        <p>
          {t('home.newMember')} <Link to="/signup">{t('home.createAccount')}</Link>
        </p>
      </div>
    </main>
  )
}
