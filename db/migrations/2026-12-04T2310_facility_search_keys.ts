import type { Kysely } from 'kysely'
import type { Dialect } from '../dialect'

/**
 * Issue 18: facility search on normalised text. facilities gets name_key and city_key, the name
 * and city as the search matches them (Unicode NFC, look-alike apostrophes, hyphens and spaces made
 * plain, invisible characters and accents removed, lower case, then no apostrophes or full stops),
 * so "Mary's" finds "Saint Mary’s Hospital" and "ST. MARY'S HOSPITAL". Filled here for existing
 * rows, in JS because neither dialect can do Unicode normalisation portably in SQL.
 * No index: the search is a LIKE '%…%', which a b-tree index cannot serve; a full scan of the
 * ~5,700 catalog rows takes a few milliseconds.
 * Frozen in time: the key function below is a copy, not an import, of app/domain/search/facility-text.ts.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  // Not null with an empty default, so the columns can be added to a table with rows on SQLite.
  for (const column of ['name_key', 'city_key']) {
    await db.schema.alterTable('facilities').addColumn(column, 'text', (c) => c.notNull().defaultTo('')).execute()
  }
  // Backfill in pages. Single-word column names only in the select: the app's connection camel-cases result keys.
  let after = ''
  for (;;) {
    const rows: Array<{ id: string; name: string; city: string }> = await db
      .selectFrom('facilities')
      .select(['id', 'name', 'city'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(1_000)
      .execute()
    if (rows.length === 0) break
    for (const row of rows) {
      await db.updateTable('facilities').set({ name_key: searchKey(row.name), city_key: searchKey(row.city) }).where('id', '=', row.id).execute()
    }
    after = rows[rows.length - 1]!.id
  }
  void dialect
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['name_key', 'city_key']) await db.schema.alterTable('facilities').dropColumn(column).execute()
}

function searchKey(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, '')
    .replace(/[\u2018\u2019\u201A\u201B\u02BC\u02B9\u2032\u0060\u00B4\uFF07]/g, "'")
    .replace(/[\u2010\u2011\u2012\u2013\u2212]/g, '-')
    .replace(/[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000\t]/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .normalize('NFC')
    .replace(/['.]/g, '')
    .replace(/ {2,}/g, ' ')
    .trim()
}
