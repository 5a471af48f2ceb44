import { expect, test, type Page } from './test'

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
  // The map loads (its worker and stylesheet included) and draws its pins and clusters (ADR 0015); the page hydrated (a press works).
  const markers = page.getByRole('region', { name: 'Map of results' }).locator('.care-map__pin, .care-map__cluster')
  await expect(markers.first()).toBeVisible({ timeout: 20_000 })
  await expect(page.locator('canvas')).toHaveCount(1)
  // The map moves while it settles: press from the keyboard (pins and clusters are buttons). A pin is selected and opens
  // its popup; a cluster zooms in.
  const zoom = Number(await page.locator('.care-map__canvas').getAttribute('data-zoom'))
  const first = markers.first()
  const isPin = await first.evaluate((e) => e.classList.contains('care-map__pin'))
  await first.press('Enter')
  if (isPin) await expect(page.getByRole('region', { name: 'Map of results' }).getByRole('dialog')).toBeVisible()
  else await expect.poll(async () => Number(await page.locator('.care-map__canvas').getAttribute('data-zoom'))).toBeGreaterThan(zoom)
  expect(violations).toEqual([])
})

test('a page cannot be framed by another site and sniffs no types', async ({ request }) => {
  const response = await request.get('/login')
  expect(response.headers()['x-frame-options']).toBe('DENY')
  expect(response.headers()['x-content-type-options']).toBe('nosniff')
  expect(response.headers()['x-powered-by']).toBeUndefined()
})

// Issue 18, finding 1: a redirect with a tab (Chromium strips it) led to http://127.0.0.1:9/phish after a valid sign-in.
test('after sign-in, a redirect that would leave the site goes to the home page instead', async ({ page }) => {
  for (const redirectTo of ['/\t/127.0.0.1:9/phish', '/\n/127.0.0.1:9/phish', '//127.0.0.1:9/phish']) {
    await page.context().clearCookies()
    await page.goto(`/login?${new URLSearchParams({ redirectTo })}`)
    await page.getByLabel('E-mail').fill('hr@acme.example')
    await page.getByLabel('Password').fill('demo-password-2026')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(page).toHaveURL(/localhost:\d+\/employer$/)
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  }
  // A page of the site is still where sign-in returns to.
  await page.context().clearCookies()
  await page.goto('/employer/roster')
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Femployer%2Froster$/)
  await page.getByLabel('E-mail').fill('hr@acme.example')
  await page.getByLabel('Password').fill('demo-password-2026')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).toHaveURL(/\/employer\/roster$/)
})

// Issue 18, findings 2 and 4: answered by the production server (server.mjs) the way a browser would see them.
test('a form sent from another site gets the portal\'s 403 page, not an empty 500', async ({ request }) => {
  const response = await request.post('/login', { form: { email: 'hr@acme.example', password: 'demo-password-2026' }, headers: { Origin: 'https://evil.example' }, maxRedirects: 0 })
  expect(response.status()).toBe(403)
  const html = await response.text()
  expect(html).toContain('<h1>Not allowed</h1>')
  expect(html).toContain('This form was sent from another website, so it was not accepted and nothing was changed.')
  expect(response.headers()['set-cookie']).toBeUndefined()
})

test('a sign-in form of 10 MB is refused with 413 and a page that says why', async ({ request, baseURL }) => {
  const response = await request.post('/login', {
    data: `email=a%40b.example&password=${'a'.repeat(10_000_000)}`,
    headers: { Origin: baseURL!, 'Content-Type': 'application/x-www-form-urlencoded' },
  })
  expect(response.status()).toBe(413)
  const html = await response.text()
  expect(html).toContain('<h1>Too much data</h1>')
  expect(html).toContain('This form sent more data than any form of the portal holds, so nothing was saved.')
})

test('an upload form field over 10 KB is named in the message, not called a file over 200 MB', async ({ page }) => {
  await page.goto('/login')
  await page.getByLabel('E-mail').fill('hr@acme.example')
  await page.getByLabel('Password').fill('demo-password-2026')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).toHaveURL(/\/employer$/)
  await page.goto('/employer/roster')
  await page.waitForLoadState('networkidle')
  await page.getByLabel(/Roster CSV or 834 file/).setInputFiles({ name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from('employee_id,first_name\nA1,Ann\n') })
  // The form as a hostile page would send it: the file and a long extra field.
  await page.evaluate(() => {
    const form = document.querySelector('form[enctype="multipart/form-data"]')!
    const extra = document.createElement('input')
    extra.type = 'hidden'
    extra.name = 'note'
    extra.value = 'x'.repeat(10_001)
    form.append(extra)
  })
  await page.getByRole('button', { name: 'Upload and check' }).click()
  await expect(page.getByText('The form field "note" is longer than 10 KB, more than this form takes: nothing was uploaded.')).toBeVisible()
})
