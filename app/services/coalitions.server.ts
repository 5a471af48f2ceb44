import { getDb } from '~/db/client.server'
import { findCoalition, listCoalitionMemberships } from '~/db/repositories/coalitions.server'
import { notFound } from '~/http/responses.server'

/** Member employers shown per page on the coalition home. */
export const COALITION_MEMBERS_PAGE_SIZE = 50

/** The coalition home (issue 23): the coalition and one page of its member employers with their dates and status. */
export async function getCoalitionHome(coalitionId: string, page: number) {
  const db = getDb()
  const coalition = await findCoalition(db, coalitionId)
  if (!coalition) throw notFound('Coalition')
  const { rows, total } = await listCoalitionMemberships(db, coalitionId, { limit: COALITION_MEMBERS_PAGE_SIZE, offset: (page - 1) * COALITION_MEMBERS_PAGE_SIZE })
  return { coalition, memberships: rows, total, page, pages: Math.max(1, Math.ceil(total / COALITION_MEMBERS_PAGE_SIZE)) }
}
