import { sql } from 'kysely'

/** Text a person typed, matched literally inside a LIKE pattern (%, _ and \ escaped). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`)
}

/** The right-hand side of a LIKE with \ as its escape character, on SQLite and PostgreSQL alike. */
export function likePattern(pattern: string) {
  return sql<string>`${pattern} escape '\\'`
}
