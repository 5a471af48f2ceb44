import { describe, expect, it, vi } from 'vitest'
import { logError } from '~/http/logger.server'

describe('server log lines', () => {
  it('name the path but never the query string (ZIP codes and procedures are member data) nor the cookie', () => {
    const lines: string[] = []
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk))
      return true
    })
    const request = new Request('http://localhost/member/care?procedure=TKA&zip=43215&radius=100', { headers: { Cookie: '__session=secret-token' } })
    logError(new Error('boom'), request)
    spy.mockRestore()
    expect(lines).toHaveLength(1)
    const entry = JSON.parse(lines[0]!) as Record<string, unknown>
    expect(entry).toMatchObject({ level: 'error', method: 'GET', path: '/member/care', message: 'boom' })
    expect(lines[0]).not.toMatch(/43215|TKA|secret-token/)
  })
})
