import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import { insertAuditEntry } from '~/db/repositories/audit.server'
import {
  countMembersByPlan,
  findHealthPlan,
  findHealthPlanByName,
  insertHealthPlan,
  listHealthPlans,
  updateHealthPlan,
} from '~/db/repositories/health-plans.server'
import { findPriceFactor } from '~/db/repositories/price-factors.server'
import { toIsoDate } from '~/domain/dates'
import { formatCents } from '~/domain/money'
import type { Actor, EmployerScope } from '~/domain/tenancy'
import type { HealthPlanInput } from '~/forms/health-plan'
import { notFound } from '~/http/responses.server'

export type SavePlanResult = { ok: true; planId: string } | { ok: false; fieldErrors: Record<string, string[]> }

export async function listPlansWithMembers(scope: EmployerScope, now = new Date()) {
  const db = getDb()
  const [plans, members] = await Promise.all([listHealthPlans(db, scope), countMembersByPlan(db, scope, toIsoDate(now))])
  return plans.map((plan) => ({ ...plan, members: members.get(plan.id) ?? 0 }))
}

export async function getPlanForEditing(scope: EmployerScope, planId: string) {
  const plan = await findHealthPlan(getDb(), scope, planId)
  if (!plan) throw notFound('Health plan')
  return plan
}

/**
 * Rules that need stored data: a unique name per employer, and the IRS minimum deductible
 * for HSA-qualified plans (a yearly setting in price_factors).
 */
async function checkPlanRules(scope: EmployerScope, input: HealthPlanInput, planId: string | null, now: Date) {
  const db = getDb()
  const fieldErrors: Record<string, string[]> = {}
  const sameName = await findHealthPlanByName(db, scope, input.name)
  if (sameName && sameName.id !== planId) fieldErrors.name = ['Another plan already has this name']
  if (input.isHsaQualified) {
    const year = now.getUTCFullYear()
    const [self, family] = await Promise.all([
      findPriceFactor(db, `irs_hdhp_min_deductible_self_${year}`),
      findPriceFactor(db, `irs_hdhp_min_deductible_family_${year}`),
    ])
    if (self && input.deductibleIndividualCents < self.value) {
      fieldErrors.deductibleIndividualCents = [`An HSA-qualified plan needs an individual deductible of at least ${formatCents(self.value)} in ${year}`]
    }
    if (family && input.deductibleFamilyCents < family.value) {
      fieldErrors.deductibleFamilyCents = [`An HSA-qualified plan needs a family deductible of at least ${formatCents(family.value)} in ${year}`]
    }
  }
  return fieldErrors
}

export async function createHealthPlan(actor: Actor, scope: EmployerScope, input: HealthPlanInput, now = new Date()): Promise<SavePlanResult> {
  const fieldErrors = await checkPlanRules(scope, input, null, now)
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors }
  const planId = newId()
  const at = now.toISOString()
  await getDb().transaction().execute(async (trx) => {
    await insertHealthPlan(trx, {
      id: planId,
      employerId: scope.employerId,
      ...input,
      isHsaQualified: input.isHsaQualified ? 1 : 0,
      createdAt: at,
      updatedAt: at,
    })
    await insertAuditEntry(trx, actor, { action: 'health_plan.created', subjectType: 'health_plan', subjectId: planId, employerId: scope.employerId, at })
  })
  return { ok: true, planId }
}

export async function saveHealthPlan(
  actor: Actor,
  scope: EmployerScope,
  planId: string,
  input: HealthPlanInput,
  now = new Date(),
): Promise<SavePlanResult> {
  const fieldErrors = await checkPlanRules(scope, input, planId, now)
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors }
  const at = now.toISOString()
  await getDb().transaction().execute(async (trx) => {
    const changed = await updateHealthPlan(trx, scope, planId, { ...input, isHsaQualified: input.isHsaQualified ? 1 : 0, updatedAt: at })
    if (changed === 0) throw notFound('Health plan')
    await insertAuditEntry(trx, actor, { action: 'health_plan.updated', subjectType: 'health_plan', subjectId: planId, employerId: scope.employerId, at })
  })
  return { ok: true, planId }
}
