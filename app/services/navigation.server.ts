import { getDb } from '~/db/client.server'
import { hasEverBeenCoalitionMember } from '~/db/repositories/coalition-reports.server'
import type { Actor } from '~/domain/tenancy'

/**
 * What decides the signed-in user's optional navigation items (app/ui/navigation.ts): an employer
 * admin sees "Coalition report" once its employer is or was a member of a coalition (issue 23).
 */
export async function navigationConditions(actor: Actor): Promise<{ isOrWasCoalitionMember?: boolean }> {
  if (actor.role !== 'employer_admin' || actor.organizationKind !== 'employer') return {}
  return { isOrWasCoalitionMember: await hasEverBeenCoalitionMember(getDb(), { employerId: actor.organizationId }) }
}
