/**
 * Structured server log lines (JSON, one per line). Never pass member data here: only ids,
 * paths without query strings, and error messages (DESIGN §8).
 */
export function logError(error: unknown, request?: Request): void {
  const entry = {
    level: 'error',
    at: new Date().toISOString(),
    method: request?.method,
    path: request ? new URL(request.url).pathname : undefined,
    message: error instanceof Error ? error.message : String(error),
    stack: error instanceof Error ? error.stack : undefined,
  }
  process.stderr.write(`${JSON.stringify(entry)}\n`)
}
