import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link } from '@remix-run/react'
import { requireEmployerAccess } from '~/auth/guard.server'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'

export const meta: MetaFunction = () => [{ title: 'How savings are calculated · COE Marketplace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireEmployerAccess(request, 'employer:read')
  return null
}

/** The one written method, matching app/domain/savings/realized-savings.ts and program-projection.ts. */
export default function SavingsMethodRoute() {
  return (
    <article className="card" aria-labelledby="method-title">
      <p className="breadcrumb">
        <Link to="/employer/dashboard">Dashboard</Link>
      </p>
      <h1 id="method-title">How savings are calculated</h1>
      <p className="lead">Everyone calculates savings differently, so here is exactly how this portal does it, for every figure on the dashboard and in the exports.</p>
      <h2>Realized savings, per completed case</h2>
      <ol>
        <li>
          <strong>What it would have cost outside the program.</strong> The <em>typical local price</em> of the procedure in the member's state: the median of
          the state's hospitals' prices, each being Medicare's episode payment × the hospital's Medicare spending-per-beneficiary ratio × the commercial
          multiplier (RAND 5.1: 2.54). When a state has no hospital with data, the national median. From it we take off what the member would have paid on their
          own plan under normal terms (deductible, coinsurance, out-of-pocket maximum), as at the start of the plan year.
        </li>
        <li>
          <strong>What you paid at the center.</strong> The bundled price + the travel actually paid (the estimate when none was entered) + the completion
          incentive − what the member paid.
        </li>
        <li>
          <strong>Savings</strong> = 1 − 2. A case can save a negative amount (a center dearer than the local market); it is counted as it is.
        </li>
      </ol>
      <p>Platform fees are shown in spend, not inside savings. Cases without a typical local price are counted and listed, never guessed.</p>
      <h2>Projected savings</h2>
      <p>
        For each covered procedure: covered members × the procedure's yearly incidence per 1,000 ÷ 1,000 expected cases; 40% of them (adjustable on the program
        page) go to the nearest center in the network, with travel; the rest stay outside under the program's rule for outside care. Savings = spend without the
        program − spend with it. For a period, the dashboard counts each published program version only on the days it is in force within the
        period, and each procedure once a day: where programs overlap, the newest published version in force (the one members get) counts, the others
        not. Each version's yearly savings for a procedure × the days it counts ÷ 365, to the cent; the total is the sum.
      </p>
      <h2>Outcomes</h2>
      <p>
        Complication and readmission rates are the share of your completed cases the care team recorded with a complication within 90 days or a readmission.
        Beside them: the CMS hip and knee replacement rates (Care Compare) of the centers where your hip and knee cases were done, averaged; CMS publishes these measures for no other procedure.
      </p>
    </article>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />
}
