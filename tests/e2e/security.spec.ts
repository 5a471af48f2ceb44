import { expect, test, type Page } from '@playwright/test'

async function signIn(page: Page, email: string) {
  await page.goto('/login')
  await page.getByLabel('E-mail').fill(email)
  await page.getByLabel('Password').fill('demo-password-2026')
  await page.getByRole('button', { name: 'Sign in' }).click()
}

test('the find-care page and its map run under the Content-Security-Policy with no violation', async ({ page }) => {
  const violations: string[] = []
  await page.exposeFunction('reportCspViolation', (text: string) => violations.push(text))
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      void (window as unknown as { reportCspViolation: (t: string) => void }).reportCspViolation(`${event.violatedDirective} ${event.blockedURI}`)
    })
  })
  await signIn(page, 'member@acme.example')
  await expect(page).toHaveURL(/\/member/)
  const response = await page.goto('/member/care?procedure=TKA&radius=500&sort=cost')
  const csp = response!.headers()['content-security-policy']!
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1]
  expect(nonce).toBeTruthy()
  expect(csp).toContain("script-src 'self' 'nonce-")
  expect(csp).toContain("worker-src 'self' blob:")
  expect(csp).toContain("frame-ancestors 'none'")
  // Every inline script of the document carries this response's nonce (browsers hide the value from the DOM, so read the HTML).
  const html = await response!.text()
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].map((m) => m[1]!)
  expect(inline.length).toBeGreaterThan(0)
  for (const attributes of inline) expect(attributes).toContain(`nonce="${nonce}"`)
  // The map loads (its worker and stylesheet included) and draws its pins; the page hydrated (a pin press selects a result).
  const pins = page.getByRole('region', { name: 'Map of results' }).getByRole('button')
  await expect(pins.first()).toBeVisible({ timeout: 20_000 })
  await expect(page.locator('canvas')).toHaveCount(1)
  // The map moves while it settles: press the pin from the keyboard (pins are buttons).
  await pins.first().press('Enter')
  await expect(pins.first()).toHaveAttribute('aria-pressed', 'true')
  expect(violations).toEqual([])
})

test('a page cannot be framed by another site and sniffs no types', async ({ request }) => {
  const response = await request.get('/login')
  expect(response.headers()['x-frame-options']).toBe('DENY')
  expect(response.headers()['x-content-type-options']).toBe('nosniff')
  expect(response.headers()['x-powered-by']).toBeUndefined()
})
