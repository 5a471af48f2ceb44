import { afterEach, beforeEach, vi } from 'vitest'

// STYLE §10: any console.error during a unit or integration test fails it.
let calls: unknown[][] = []
beforeEach(() => {
  calls = []
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    calls.push(args)
  })
})
afterEach(() => {
  vi.mocked(console.error).mockRestore()
  if (calls.length > 0) throw new Error(`console.error was called:\n${calls.map((c) => c.map(String).join(' ')).join('\n')}`)
})
