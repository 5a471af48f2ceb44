import type { SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import type { ZodTypeAny } from 'zod'
import type { Actor, EmployerScope } from '~/domain/tenancy'
import {
  BenefitRulesSchema,
  NewVersionSchema,
  ProgramDetailsSchema,
  ProgramNetworkSchema,
  networkEditOf,
  ProgramProceduresSchema,
  PublishSchema,
  TravelRulesSchema,
} from '~/forms/program'
import {
  publishProgram,
  saveProgramBenefitRules,
  saveProgramDetails,
  saveProgramNetwork,
  saveProgramProcedures,
  saveProgramTravelRules,
  startNewVersion,
  type PublishConfirmation,
  type SaveResult,
} from './programs.server'

type Intent = 'details' | 'procedures' | 'network' | 'benefit' | 'travel' | 'publish' | 'new-version'

const CHANGES: Record<Intent, { schema: ZodTypeAny; anchor: string; run: (actor: Actor, scope: EmployerScope, programId: string, value: any) => Promise<SaveResult> }> = {
  details: { schema: ProgramDetailsSchema, anchor: 'details-heading', run: saveProgramDetails },
  procedures: { schema: ProgramProceduresSchema, anchor: 'procedures', run: (a, s, p, v) => saveProgramProcedures(a, s, p, v.procedureIds) },
  network: { schema: ProgramNetworkSchema, anchor: 'network', run: (a, s, p, v) => saveProgramNetwork(a, s, p, networkEditOf(v)) },
  benefit: { schema: BenefitRulesSchema, anchor: 'benefit', run: saveProgramBenefitRules },
  travel: { schema: TravelRulesSchema, anchor: 'travel', run: saveProgramTravelRules },
  publish: { schema: PublishSchema, anchor: '', run: (a, s, p, v) => publishProgram(a, s, p, v.confirmOverlaps ?? null) },
  'new-version': { schema: NewVersionSchema, anchor: '', run: (a, s, p) => startNewVersion(a, s, p) },
}

export type ProgramChangeOutcome =
  | { ok: true; intent: Intent; anchor: string }
  | { ok: false; intent: Intent | 'unknown'; status: 200 | 400 | 422; result: SubmissionResult<string[]>; confirmation?: PublishConfirmation }

/**
 * One change posted from a program page, told apart by its `intent`: parsed with the section's
 * schema (shape), then applied by the service (rules that need stored data, immutability).
 */
export async function applyProgramChange(actor: Actor, scope: EmployerScope, programId: string, formData: FormData): Promise<ProgramChangeOutcome> {
  const intent = String(formData.get('intent') ?? '')
  // Own keys only: an intent of "constructor" must not find Object's.
  const change = Object.hasOwn(CHANGES, intent) ? CHANGES[intent as Intent] : undefined
  if (!change) {
    const submission = parseWithZod(formData, { schema: PublishSchema })
    return { ok: false, intent: 'unknown', status: 400, result: submission.reply({ formErrors: ['Unknown change: reload the page and try again'] }) }
  }
  const submission = parseWithZod(formData, { schema: change.schema })
  if (submission.status !== 'success') return { ok: false, intent: intent as Intent, status: 400, result: submission.reply() }
  const saved = await change.run(actor, scope, programId, submission.value)
  if (saved.ok) return { ok: true, intent: intent as Intent, anchor: change.anchor }
  // Publishing over another program's procedures: nothing changed, the page asks to confirm (not an error).
  if (saved.confirmation) return { ok: false, intent: intent as Intent, status: 200, result: submission.reply(), confirmation: saved.confirmation }
  return { ok: false, intent: intent as Intent, status: 422, result: submission.reply({ formErrors: saved.formErrors, fieldErrors: saved.fieldErrors }) }
}
