import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Links, Meta, Outlet, Scripts, ScrollRestoration } from '@remix-run/react'
import type { ReactNode } from 'react'
import { getOptionalActor } from '~/auth/guard.server'
import { getPublicEnv } from '~/env.server'
import styles from '~/styles/app.css'
import { useNonce } from '~/ui/nonce'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: styles },
  { rel: 'icon', href: '/favicon.ico' },
]

export const meta: MetaFunction = () => [{ title: 'COE Marketplace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await getOptionalActor(request)
  return {
    user: actor
      ? { displayName: actor.displayName, email: actor.email, role: actor.role, organizationName: actor.organizationName }
      : null,
    publicEnv: getPublicEnv(),
  }
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce()
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to main content
        </a>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

export default function App() {
  return <Outlet />
}

export function ErrorBoundary() {
  return (
    <main id="main" className="page page--narrow">
      <RouteErrorBoundary />
    </main>
  )
}
