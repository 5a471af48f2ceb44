import { parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { requirePermission } from '~/auth/guard.server'
import { CaseTaskSchema, SurgeryDateProposalSchema, WithdrawProposalSchema } from '~/forms/center-patients'
import { redirectWithFlash, readFlash } from '~/http/flash.server'
import { readForm } from '~/http/form-body.server'
import { requireParam } from '~/http/params'
import { getIncomingPatient, markCaseTaskDone, proposeSurgeryDate, withdrawSurgeryDateProposal, type Outcome } from '~/services/center-patients.server'
import { IncomingPatient } from '~/ui/incoming-patient'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'
import type { ZodTypeAny, z } from 'zod'

export const meta: MetaFunction = () => [{ title: 'Incoming patient · Health system · COE Marketplace' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, 'offer:write')
  const page = await getIncomingPatient(actor, requireParam(params, 'caseId'))
  const { note, headers } = await readFlash(request)
  return data({ ...page, saved: note === null ? null : (SAVED[note] ?? null) }, { headers })
}

const SAVED: Record<string, string> = {
  'date-proposed': 'Surgery date proposed: the care coordinator will confirm it with the member.',
  'proposal-withdrawn': 'Proposal withdrawn.',
  'task-done': 'Task marked done.',
}

async function handle<Schema extends ZodTypeAny>(form: string, formData: FormData, schema: Schema, run: (value: z.output<Schema>) => Promise<Outcome>, caseId: string, saved: string) {
  const submission = parseWithZod(formData, { schema })
  if (submission.status !== 'success') return data({ ...submission.reply(), form }, { status: 400 })
  const result = await run(submission.value)
  if (!result.ok) return data({ ...submission.reply({ fieldErrors: result.fieldErrors }), form }, { status: 422 })
  return redirectWithFlash(`/center/patients/${caseId}`, saved)
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, 'offer:write')
  const caseId = requireParam(params, 'caseId')
  const formData = await readForm(request)
  switch (formData.get('intent')) {
    case 'withdraw':
      return handle('proposal', formData, WithdrawProposalSchema, () => withdrawSurgeryDateProposal(actor, caseId), caseId, 'proposal-withdrawn')
    case 'task':
      return handle('task', formData, CaseTaskSchema, (value) => markCaseTaskDone(actor, caseId, value.activity), caseId, 'task-done')
    default:
      return handle('proposal', formData, SurgeryDateProposalSchema, (value) => proposeSurgeryDate(actor, caseId, value), caseId, 'date-proposed')
  }
}

export default function IncomingPatientRoute() {
  const page = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return <IncomingPatient {...page} actionData={actionData} />
}

export function ErrorBoundary() {
  return <RouteErrorBoundary notFound="This patient doesn't exist or isn't coming to your facilities." />
}
