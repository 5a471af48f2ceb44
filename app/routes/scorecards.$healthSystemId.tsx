import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { requireOwnHealthSystem, requireScorecardViewer } from '~/auth/guard.server'
import { parseScorecardQuery, ReconciledResultsIntentSchema } from '~/forms/scorecard'
import { readForm } from '~/http/form-body.server'
import { readFlash, redirectWithFlash } from '~/http/flash.server'
import { requireParam } from '~/http/params'
import { getScorecard, setReconciledResultsShown } from '~/services/scorecards.server'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'
import { ScorecardPage } from '~/ui/scorecard'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.healthSystem.name ?? 'Health system'} · Value scorecard · COE Marketplace` }]

const SAVED_NOTES = ['scorecard-results-shown', 'scorecard-results-hidden'] as const

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer } = await requireScorecardViewer(request, params.healthSystemId ?? '')
  const healthSystemId = requireParam(params, 'healthSystemId')
  const url = new URL(request.url)
  const { comparison, problem } = parseScorecardQuery(url.searchParams)
  const view = await getScorecard(viewer, healthSystemId, comparison)
  const { note, headers } = await readFlash(request)
  return data({ ...view, problem, query: url.search, saved: SAVED_NOTES.find((saved) => saved === note) ?? null }, { headers })
}

/** The health system's admin shows its reconciled results on its scorecard, or withdraws them (audited). */
export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireOwnHealthSystem(request, 'scorecard:publish', params.healthSystemId ?? '')
  const healthSystemId = requireParam(params, 'healthSystemId')
  const intent = ReconciledResultsIntentSchema.safeParse((await readForm(request)).get('intent'))
  if (!intent.success) return data({ error: intent.error.issues[0]!.message }, { status: 400 })
  await setReconciledResultsShown(actor, healthSystemId, intent.data === 'show-results')
  return redirectWithFlash(`/scorecards/${healthSystemId}#results-heading`, intent.data === 'show-results' ? 'scorecard-results-shown' : 'scorecard-results-hidden')
}

export default function ScorecardRoute() {
  const view = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return <ScorecardPage view={view} error={actionData?.error ?? null} />
}

export function ErrorBoundary() {
  return <RouteErrorBoundary notFound="This health system doesn't exist, or its scorecard isn't yours to see." />
}
