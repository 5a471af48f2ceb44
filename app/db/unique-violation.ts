/**
 * Did a write fail on a unique key? SQLite (better-sqlite3) names the constraint kind in its code,
 * PostgreSQL answers SQLSTATE 23505. For races a check before the write cannot close: the loser
 * of two requests arriving together meets the key and is answered as if it had come a moment later.
 */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505'
}
