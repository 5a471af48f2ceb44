import { describe, expect, it } from 'vitest'
import { afterFailure, heartbeatEveryMs, leaseUntil, RETRY_CAP_MS, retryDelayMs } from '~/domain/jobs/lease'

const NOW = Date.parse('2026-12-09T10:00:00.000Z')

describe('job leases', () => {
  it('ends a lease leaseMs after now, as ISO text that sorts like the time', () => {
    expect(leaseUntil(NOW, 30_000)).toBe('2026-12-09T10:00:30.000Z')
    expect(leaseUntil(NOW, 999) < leaseUntil(NOW, 1_000)).toBe(true)
  })

  it('renews three times per lease, never faster than every 50 ms', () => {
    expect(heartbeatEveryMs(30_000)).toBe(10_000)
    expect(heartbeatEveryMs(60)).toBe(50)
  })
})

describe('retries', () => {
  it.each([
    [0, 0],
    [1, 5_000],
    [2, 10_000],
    [3, 20_000],
    [8, 640_000 > RETRY_CAP_MS ? RETRY_CAP_MS : 640_000],
    [50, RETRY_CAP_MS],
  ])('waits after %i failed tries: %i ms', (attempts, expected) => {
    expect(retryDelayMs(attempts)).toBe(expected)
  })

  it('queues the job again after the back-off while tries remain', () => {
    expect(afterFailure(1, 3, NOW)).toEqual({ status: 'queued', runAfter: '2026-12-09T10:00:05.000Z' })
    expect(afterFailure(2, 3, NOW)).toEqual({ status: 'queued', runAfter: '2026-12-09T10:00:10.000Z' })
  })

  it('fails the job at its last try, or at once when the failure is permanent', () => {
    expect(afterFailure(3, 3, NOW)).toEqual({ status: 'failed' })
    expect(afterFailure(4, 3, NOW)).toEqual({ status: 'failed' })
    expect(afterFailure(1, 3, NOW, true)).toEqual({ status: 'failed' })
  })
})
