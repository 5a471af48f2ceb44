import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireScorecardViewer } from '~/auth/guard.server'
import { parseScorecardQuery } from '~/forms/scorecard'
import { requireParam } from '~/http/params'
import { pdfDownload } from '~/services/proposal-pdf-response.server'
import { renderScorecardPdf } from '~/services/scorecard-pdf.server'
import { getScorecard } from '~/services/scorecards.server'

/** The scorecard as a PDF to share, with the same comparison as the page it was downloaded from. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer } = await requireScorecardViewer(request, params.healthSystemId ?? '')
  const healthSystemId = requireParam(params, 'healthSystemId')
  const view = await getScorecard(viewer, healthSystemId, parseScorecardQuery(new URL(request.url).searchParams).comparison)
  return pdfDownload(await renderScorecardPdf(view), `${view.healthSystem.name} value scorecard`, 'value-scorecard')
}
