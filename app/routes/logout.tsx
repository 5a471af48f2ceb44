import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { requireSameOrigin } from '~/auth/guard.server'
import { destroyUserSession } from '~/auth/session.server'

/** Signing out is a POST (a GET link could be triggered by another site). */
export async function loader({ request }: LoaderFunctionArgs) {
  requireSameOrigin(request)
  return redirect('/')
}

export async function action({ request }: ActionFunctionArgs) {
  requireSameOrigin(request)
  return redirect('/login', { headers: { 'Set-Cookie': await destroyUserSession(request) } })
}
