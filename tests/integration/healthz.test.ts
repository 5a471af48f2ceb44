import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { getDatabase } from '~/db/client.server'
import { loader } from '~/routes/healthz'

async function health() {
  const response = (await loader({ request: new Request('http://localhost/healthz'), params: {}, context: {} })) as Response
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

describe('GET /healthz', () => {
  it('answers 200 with the database kind once migrations are applied', async () => {
    const expected = process.env.DATABASE_URL?.startsWith('postgres') ? 'postgres' : 'sqlite'
    expect(await health()).toEqual({ status: 200, body: { status: 'ok', database: expected } })
  })

  it('answers 503 when a migration is not applied', async () => {
    const { db } = getDatabase()
    const [row] = (await sql<{ name: string; timestamp: string }>`select name, timestamp from kysely_migration`.execute(db)).rows
    await sql`delete from kysely_migration where name = ${row!.name}`.execute(db)
    try {
      const { status, body } = await health()
      expect(status).toBe(503)
      expect(body).toMatchObject({ status: 'unavailable', reason: expect.stringContaining('migrations pending') })
    } finally {
      await sql`insert into kysely_migration (name, timestamp) values (${row!.name}, ${row!.timestamp})`.execute(db)
    }
    expect((await health()).status).toBe(200)
  })
})
