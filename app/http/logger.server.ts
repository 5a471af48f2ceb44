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

/** A warning: a request refused for what it is (too large, cross-origin), with its path and the client's address. */
export function logWarning(message: string, request: Request, facts: Record<string, string | number | null> = {}): void {
  const entry = {
    level: 'warn',
    at: new Date().toISOString(),
    method: request.method,
    path: new URL(request.url).pathname,
    ip: request.headers.get('x-portal-client-ip') || null,
    message,
    ...facts,
  }
  process.stderr.write(`${JSON.stringify(entry)}\n`)
}
