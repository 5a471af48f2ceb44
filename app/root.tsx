import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Links, Meta, Outlet, ScrollRestoration, useRouteLoaderData } from '@remix-run/react'
import { I18nextProvider } from 'react-i18next'
import type { ReactNode } from 'react'
import { getOptionalActor } from '~/auth/guard.server'
import { getPublicEnv } from '~/env.server'
import { navigationConditions } from '~/services/navigation.server'
import { languageOf } from '~/i18n/language.server'
import { DEFAULT_LANGUAGE, type Language } from '~/i18n/languages'
import { translatorFor } from '~/i18n/translator'
import styles from '~/styles/app.css'
import { useFocusMainOnNewPage } from '~/ui/focus-on-navigation'
import { HydrationScripts } from '~/ui/hydration-scripts'
import { AppStyles } from '~/ui/inline-styles'
import { useNonce } from '~/ui/nonce'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'

// The stylesheet is inlined in the head (AppStyles, issue 24), not linked.
export const links: LinksFunction = () => [{ rel: 'icon', href: '/favicon.ico' }]

export const meta: MetaFunction = () => [{ title: 'COE Marketplace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await getOptionalActor(request)
  // Spanish is offered on the member-facing pages (members and signed-out visitors); staff pages stay English.
  const language: Language = !actor || actor.role === 'employee' ? await languageOf(request) : DEFAULT_LANGUAGE
  return {
    language,
    user: actor
      ? { displayName: actor.displayName, email: actor.email, role: actor.role, organizationName: actor.organizationName, navigation: await navigationConditions(actor) }
      : null,
    publicEnv: getPublicEnv(),
  }
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce()
  const language = useRouteLoaderData<typeof loader>('root')?.language ?? DEFAULT_LANGUAGE
  return (
    <html lang={language}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <AppStyles href={styles} />
        <Links />
      </head>
      <body>
        <I18nextProvider i18n={translatorFor(language)}>
          <a className="skip-link" href="#main">
            {translatorFor(language).t('skipToContent')}
          </a>
          {children}
        </I18nextProvider>
        <ScrollRestoration nonce={nonce} />
        <HydrationScripts nonce={nonce} />
      </body>
    </html>
  )
}

export default function App() {
  useFocusMainOnNewPage()
  return <Outlet />
}

export function ErrorBoundary() {
  return (
    <main id="main" className="page page--narrow">
      <RouteErrorBoundary />
    </main>
  )
}
