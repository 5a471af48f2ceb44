/**
 * Structured server log lines (JSON, one per line). Never pass member data here: only ids,
 * paths without query strings, and error messages (DESIGN §8).
 */
export function logError(error: unknown, request?: Request): void {
  const entry = {
    level: 'error',
    at: new Date().toISOString(),
    method: request?.method,
    path: request ? loggedPath(request) : undefined,
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
    path: loggedPath(request),
    ip: request.headers.get('x-portal-client-ip') || null,
    message,
    ...facts,
  }
  process.stderr.write(`${JSON.stringify(entry)}\n`)
}

/** The request's path, with an invitation's one-time token replaced (issue 22: the token never reaches the logs). */
function loggedPath(request: Request): string {
  return new URL(request.url).pathname.replace(/^\/invitations\/[^/]+/, '/invitations/[token]')
}
