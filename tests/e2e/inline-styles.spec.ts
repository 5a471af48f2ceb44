import { expect, test } from './test'

/*
 * Issue 24: the stylesheet is inlined in the head (no request between the HTML and the first
 * paint), and hydration keeps it: after the page has hydrated and navigated on the client, the
 * styles still apply.
 */
test('the inlined stylesheet applies before and after hydration and client navigation', async ({ page }) => {
  const stylesheetRequests: string[] = []
  page.on('request', (r) => {
    if (r.resourceType() === 'stylesheet') stylesheetRequests.push(r.url())
  })
  await page.goto('/login')
  const head = page.locator('head style')
  await expect(head.first()).toBeAttached()
  expect(((await head.first().textContent()) ?? '').length).toBeGreaterThan(1_000)
  const skipLinkTop = () => page.locator('.skip-link').first().evaluate((e) => getComputedStyle(e).position)
  // The skip link is positioned off screen by the app's CSS (a browser default would be "static").
  expect(await skipLinkTop()).not.toBe('static')
  await page.getByLabel('E-mail').fill('member@acme.example')
  await page.getByLabel('Password').fill('demo-password-2026')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('heading', { level: 1, name: /^Hello, / })).toBeVisible()
  await page.getByRole('navigation').getByRole('link', { name: 'Find care' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Find care' })).toBeVisible()
  expect(((await head.first().textContent()) ?? '').length).toBeGreaterThan(1_000)
  expect(await skipLinkTop()).not.toBe('static')
  expect(stylesheetRequests.filter((u) => /\/build\/_assets\/app-/.test(u))).toEqual([])
})
