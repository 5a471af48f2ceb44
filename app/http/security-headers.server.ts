/** Headers on every document and data response (DESIGN §8). The CSP arrives with the maps (issue 10). */
export function applySecurityHeaders(headers: Headers): void {
  headers.set('X-Content-Type-Options', 'nosniff')
  headers.set('X-Frame-Options', 'DENY')
  headers.set('Referrer-Policy', 'same-origin')
  headers.set('Permissions-Policy', 'camera=(), microphone=(), payment=(self)')
  headers.set('Cross-Origin-Opener-Policy', 'same-origin')
}
