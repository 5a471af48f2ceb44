/**
 * The client's address as server.mjs saw it (the socket's, or a trusted proxy's X-Forwarded-For;
 * ADR 0011). Null when the app runs without that server (loader tests, `remix dev`).
 */
export function clientIp(request: Request): string | null {
  const value = request.headers.get('x-portal-client-ip')
  return value && value.length <= 64 ? value : null
}
