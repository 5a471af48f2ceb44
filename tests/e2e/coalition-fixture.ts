import path from 'node:path'
import { hashPassword } from '../../app/auth/password.server'
import { openDatabase } from '../../app/db/connection'
import { newId } from '../../app/db/ids'
import { DEMO_PASSWORD } from './session'

/*
 * A coalition for the coalition-report journey, written straight into the journey server's
 * database (scripts/e2e-server.ts: tests/.tmp/e2e-<port>.db, or the "e2e" schema on PostgreSQL):
 * its own coalition, so that no other journey's coalition changes what this one sees, with the
 * three seeded employers that have completed cases (Acme, Bluewave, Cedar Ridge) as members since
 * 2025-01-01, and a coalition admin who signs in with the demo password.
 */

const root = path.resolve(import.meta.dirname, '../..')

/** The journey server's database (scripts/e2e-server.ts), for fixtures that write into it. */
export function journeyDatabase() {
  const url = process.env.DATABASE_URL
  if (url && /^postgres(ql)?:\/\//.test(url)) return openDatabase({ url, schema: 'e2e' })
  return openDatabase({ url: `file:${path.join(root, `tests/.tmp/e2e-${process.env.E2E_PORT ?? '3100'}.db`)}` })
}

export interface JourneyCoalition {
  coalitionId: string
  coalitionName: string
  adminEmail: string
}

export async function createJourneyCoalition(): Promise<JourneyCoalition> {
  const { db } = journeyDatabase()
  try {
    const tag = newId().slice(-8)
    const now = new Date().toISOString()
    const coalitionId = newId()
    const coalitionName = `Journey Report Coalition ${tag}`
    const adminEmail = `reports-${tag}@coalition.example`
    const employers = await db.selectFrom('organizations').select(['id', 'code']).where('code', 'in', ['ACME', 'BLUEWAVE', 'CEDAR']).execute()
    if (employers.length !== 3) throw new Error(`The demo seed's employers ACME, BLUEWAVE and CEDAR are needed; found ${employers.map((e) => e.code).join(', ')}`)
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('organizations').values({ id: coalitionId, kind: 'coalition', name: coalitionName, code: `JRC-${tag.toUpperCase()}`, createdAt: now }).execute()
      const userId = newId()
      await trx.insertInto('users').values({ id: userId, email: adminEmail, passwordHash: await hashPassword(DEMO_PASSWORD), displayName: 'Rae Journey', createdAt: now, lastLoginAt: null }).execute()
      await trx.insertInto('memberships').values({ id: newId(), userId, organizationId: coalitionId, role: 'coalition_admin', rosterMemberId: null, createdAt: now, isOrganizationAdmin: 1 }).execute()
      await trx
        .insertInto('coalitionMemberships')
        .values(
          employers.map((e) => ({
            id: newId(), coalitionOrganizationId: coalitionId, employerOrganizationId: e.id, status: 'active' as const, invitedAt: now, invitedByUserId: null, joinedOn: '2025-01-01',
            leftOn: null, respondedByUserId: null, respondedAt: now, endedByUserId: null, createdAt: now,
          })),
        )
        .execute()
    })
    return { coalitionId, coalitionName, adminEmail }
  } finally {
    await db.destroy()
  }
}

/**
 * Takes the journey's members out of its coalition again, so that later journeys see the seeded
 * employers as the seed made them. The coalition and its admin stay: the audit log (append-only)
 * names them, and the journey server's database is made afresh for every run.
 */
export async function removeJourneyMembers(coalition: JourneyCoalition): Promise<void> {
  const { db } = journeyDatabase()
  try {
    await db.deleteFrom('coalitionMemberships').where('coalitionOrganizationId', '=', coalition.coalitionId).execute()
  } finally {
    await db.destroy()
  }
}
