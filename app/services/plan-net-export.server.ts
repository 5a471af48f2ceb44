import { getDb } from '~/db/client.server'
import { insertAuditEntry } from '~/db/repositories/audit.server'
import { findOrganization } from '~/db/repositories/organizations.server'
import { findProgram, findVersionRules, listProgramVersions, listVersionNetworkDirectory, listVersionProcedureCodes } from '~/db/repositories/programs.server'
import { buildPlanNetBundle, PLAN_NET_IG_VERSION, type PlanNetInput } from '~/domain/fhir/plan-net'
import type { Actor, EmployerScope } from '~/domain/tenancy'
import { notFound } from '~/http/responses.server'

/*
 * The FHIR Plan-Net export of a program's network (issue 23, ADR 0017): the newest published
 * version, because Plan-Net fixes InsurancePlan.status to `active` and a directory lists what
 * members can use; a program never published has nothing to export (409 with the reason).
 */

export const NOT_PUBLISHED_MESSAGE = 'This program has no published version yet. Publish it to download its FHIR Plan-Net bundle.'

/** "Acme Joint Care 2027" → "acme-joint-care-2027" (file names only). */
function fileSlug(name: string): string {
  return name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'program'
}

function drgCodesOf(json: string): string[] {
  const parsed: unknown = JSON.parse(json)
  return Array.isArray(parsed) ? parsed.filter((code): code is string => typeof code === 'string') : []
}

/**
 * The bundle of the program's newest published version as a download (JSON text, its file name and
 * the version), audited as `program.plan_net_exported`. 404 for a program outside the scope; a
 * program without a published version is refused with NOT_PUBLISHED_MESSAGE (409).
 */
export async function exportPlanNetBundle(actor: Actor, scope: EmployerScope, programId: string, origin: string, now = new Date()) {
  const db = getDb()
  const program = await findProgram(db, scope, programId)
  if (!program) throw notFound('Program')
  const published = (await listProgramVersions(db, program.id)).find((version) => version.status === 'published')
  if (!published) throw new Response(NOT_PUBLISHED_MESSAGE, { status: 409, statusText: 'Conflict' })
  const [employer, procedures, network, rules] = await Promise.all([
    findOrganization(db, scope.employerId),
    listVersionProcedureCodes(db, published.id),
    listVersionNetworkDirectory(db, published.id),
    findVersionRules(db, published.id),
  ])
  if (!employer) throw notFound('Employer')
  const input: PlanNetInput = {
    baseUrl: `${origin}/fhir`,
    generatedAt: now.toISOString(),
    employer: { id: employer.id, name: employer.name },
    program: {
      id: program.id,
      name: program.name,
      version: published.version,
      effectiveFrom: published.effectiveFrom,
      effectiveTo: published.effectiveTo,
      outsideRule: rules?.outsideRule ?? 'plan_terms',
    },
    procedures: procedures.map((p) => ({ id: p.id, code: p.code, name: p.name, drgCodes: drgCodesOf(p.drgCodes) })),
    network,
  }
  const bundle = buildPlanNetBundle(input)
  const count = (type: string) => bundle.entry?.filter((e) => e.resource?.resourceType === type).length ?? 0
  await insertAuditEntry(db, actor, {
    action: 'program.plan_net_exported',
    subjectType: 'program',
    subjectId: program.id,
    employerId: scope.employerId,
    at: now.toISOString(),
    detail: JSON.stringify({ version: published.version, ig: `hl7.fhir.us.davinci-pdex-plan-net#${PLAN_NET_IG_VERSION}`, locations: count('Location'), services: count('HealthcareService') }),
  })
  return { body: JSON.stringify(bundle, null, 2), fileName: `plan-net-${fileSlug(program.name)}-v${published.version}.json`, version: published.version }
}
