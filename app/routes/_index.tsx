import { redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link } from '@remix-run/react'
import { getOptionalActor } from '~/auth/guard.server'
import { HOME_PATH } from '~/auth/permissions'

export const meta: MetaFunction = () => [
  { title: 'COE Marketplace · Centers-of-excellence benefits for employers and their people' },
  { name: 'description', content: 'Employers pay top hospitals a fixed bundled price; employees pay nothing and get travel covered.' },
]

/** Signed-in users go to their role's home; visitors see what the product is. */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await getOptionalActor(request)
  if (actor) throw redirect(HOME_PATH[actor.role])
  return null
}

export default function IndexRoute() {
  return (
    <main id="main" className="landing">
      <div className="landing__inner">
        <p className="brand brand--large">
          <span className="brand__mark" aria-hidden="true">
            +
          </span>
          COE Marketplace
        </p>
        <h1>Top hospitals at a fixed price. $0 for your people.</h1>
        <p className="lead">
          Employers run centers-of-excellence programs here: they pay a few high-quality hospitals one bundled price for an
          operation such as a knee or hip replacement, and employees who go there pay nothing, with travel and lodging
          covered. Members find covered centers and compare cost and quality; brokers compare program designs; care
          coordinators and health systems do the rest.
        </p>
        <p>
          <Link className="button button--primary" to="/login">
            Sign in
          </Link>
        </p>
      </div>
    </main>
  )
}
