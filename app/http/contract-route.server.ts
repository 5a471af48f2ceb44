import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { requireContractParty } from '~/auth/guard.server'
import { ContractIntentSchema } from '~/forms/contract'
import { formValuesOf } from '~/forms/contract-terms'
import { readForm } from '~/http/form-body.server'
import { readFlash, redirectWithFlash } from '~/http/flash.server'
import { requireParam } from '~/http/params'
import { listContractPeriodsView } from '~/services/contract-periods.server'
import { listContractExtractWindows } from '~/services/contract-extracts.server'
import { getContractView, performContractAction, requireVisibleContract } from '~/services/contracts.server'
import { getContractWarrantyEvents } from '~/services/warranty.server'

type Side = Parameters<typeof requireContractParty>[1]
const BASE: Record<Side, string> = { purchaser: '/employer/contracts', coalition: '/coalition/contracts', center: '/center/contracts' }

/** The contract page's loader, the same for both sides (each sees only its own contracts). */
export async function loadContractPage({ request, params }: LoaderFunctionArgs, side: Side) {
  const { party } = await requireContractParty(request, side)
  const contractId = requireParam(params, 'contractId')
  const view = await getContractView(party, contractId)
  const [warrantyEvents, periods, extracts] = await Promise.all([
    getContractWarrantyEvents(party, contractId),
    listContractPeriodsView(party, contractId),
    listContractExtractWindows(party, contractId),
  ])
  const { note, headers } = await readFlash(request)
  return data({ ...view, basePath: `${BASE[side]}/${contractId}`, warrantyEvents, periods, extracts, note }, { headers })
}

/** The contract page's action (save, send, sign, new version), the same for both sides. */
export async function actOnContractPage({ request, params }: ActionFunctionArgs, side: Side) {
  const { actor, party } = await requireContractParty(request, side)
  const contractId = requireParam(params, 'contractId')
  await requireVisibleContract(party, contractId)
  const values = formValuesOf(await readForm(request))
  const intent = ContractIntentSchema.safeParse(values.intent?.[0])
  if (!intent.success) return data({ error: { '': [intent.error.issues[0]!.message] } }, { status: 400 })
  const result = await performContractAction(actor, party, contractId, intent.data, values)
  if (!result.ok) return data({ error: { ...result.fieldErrors, ...(result.formError ? { '': [result.formError] } : {}) }, values: intent.data === 'save' ? values : undefined }, { status: 422 })
  return redirectWithFlash(`${BASE[side]}/${contractId}`, `contract-${intent.data}`)
}
