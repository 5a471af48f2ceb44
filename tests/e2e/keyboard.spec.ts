import { expect, hydrated, test, type Page } from './test'

const isoDaysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)

/** Keyboard only: focus moves with Tab, actions with Enter, Space and arrow keys; no pointer events. */
async function tabTo(page: Page, name: RegExp | string, limit = 60) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab')
    const label = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null
      if (!el) return ''
      const labelled = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null
      return (el.getAttribute('aria-label') ?? labelled ?? el.textContent ?? '').trim()
    })
    if (typeof name === 'string' ? label === name : name.test(label)) return
  }
  throw new Error(`Tab never reached ${String(name)}`)
}

/** The focused element shows a visible focus indicator (outline or the focus ring's box-shadow). */
async function expectVisibleFocus(page: Page) {
  const style = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement
    const cs = getComputedStyle(el)
    return { outline: cs.outlineStyle !== 'none' && cs.outlineWidth !== '0px', shadow: cs.boxShadow !== 'none' }
  })
  expect(style.outline || style.shadow).toBe(true)
}

test('a member finds care and asks for it with the keyboard alone', async ({ page }) => {
  test.setTimeout(90_000)
  await page.goto('/login') // waits for hydration (tests/e2e/test.ts)
  await tabTo(page, 'E-mail')
  await page.keyboard.type('member@acme.example')
  await page.keyboard.press('Tab')
  await page.keyboard.type('demo-password-2026')
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/\/member$/)

  // After sign-in focus is in the main region of the new page.
  await expect(page.locator('#main')).toBeFocused()
  // On a fresh load the skip link is the first stop, visible when focused, and lands in the main region.
  await page.reload()
  await hydrated(page) // a reload is not a goto
  await page.keyboard.press('Tab')
  const skip = page.getByRole('link', { name: 'Skip to main content' })
  await expect(skip).toBeFocused()
  await expect(skip).toBeInViewport()
  await expectVisibleFocus(page)
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/#main$/)

  // Moving to another page puts focus on its main region.
  await page.getByRole('navigation').getByRole('link', { name: 'Find care' }).focus()
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/\/member\/care/)
  await expect(page.locator('#main')).toBeFocused()

  // The search: operation with the arrow keys, then Enter from the ZIP field; the result count is announced.
  await tabTo(page, 'Operation')
  await expectVisibleFocus(page)
  await page.keyboard.press('ArrowDown')
  await expect(page.getByLabel('Operation')).toHaveValue('TKA')
  await tabTo(page, 'Distance from home')
  await page.keyboard.press('End') // the last choice: any distance
  await tabTo(page, 'Home ZIP code', 6).catch(() => undefined)
  await page.getByLabel('Home ZIP code').focus()
  await page.keyboard.press('Enter')
  const status = page.getByRole('status').filter({ hasText: 'covered centers for Total knee replacement' })
  await expect(status).toBeVisible()
  await expect(page).toHaveURL(/procedure=TKA/)

  // The map can be skipped, and its clusters and pins are buttons the keyboard can press (ADR 0015): a cluster zooms
  // in and hands the focus to what it held; a pin is selected and opens its popup.
  const skipMap = page.getByRole('link', { name: 'Skip the map' })
  await skipMap.focus()
  await expect(skipMap).toBeInViewport()
  const map = page.getByRole('region', { name: 'Map of results' })
  const markers = map.locator('.care-map__pin, .care-map__cluster')
  await expect(markers.first()).toBeVisible({ timeout: 20_000 })
  // Focused once the map has fitted the results and stopped (a marker focused mid-move is re-rendered and the focus lost).
  await expect(page.locator('.care-map')).toHaveAttribute('data-state', 'ready', { timeout: 20_000 })
  await expect(map.locator('.care-map__canvas')).toHaveAttribute('data-view-bounds', /./)
  await expect(map.locator('.care-map__canvas')).toHaveAttribute('data-moving', 'false')
  await markers.first().focus()
  const focusedClass = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.className ?? '')
  for (let round = 0; round < 12 && (await focusedClass()).includes('care-map__cluster'); round++) {
    const zoom = Number(await map.locator('.care-map__canvas').getAttribute('data-zoom'))
    // Marked, so the next round waits for the focus to leave it: once the move ends the pressed cluster stays drawn (and
    // focused) until the new zoom's tiles are in; Enter on it then would ask for the zoom the map is already at.
    await page.evaluate(() => ((document.activeElement as HTMLElement).dataset.pressedInTest = 'true'))
    await page.keyboard.press('Enter')
    await expect.poll(async () => Number(await map.locator('.care-map__canvas').getAttribute('data-zoom'))).toBeGreaterThan(zoom)
    await expect(map.locator('.care-map__canvas')).toHaveAttribute('data-moving', 'false')
    const focusedNewMarker = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null
        return el && !el.dataset.pressedInTest ? el.className : ''
      })
    await expect.poll(focusedNewMarker).toMatch(/care-map__(pin|cluster)/)
  }
  const pinId = await page.evaluate(() => (document.activeElement as HTMLElement).dataset.pointId)
  expect(pinId).toBeTruthy()
  await page.keyboard.press('Enter')
  await expect(map.locator(`[data-point-id="${pinId}"]`)).toHaveAttribute('aria-pressed', 'true')
  await expect(map.getByRole('dialog')).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(map.getByRole('dialog')).toBeHidden()
  await skipMap.focus()
  await page.keyboard.press('Enter')
  await expect(page.locator('#results')).toBeFocused()

  // Open the first center from the list.
  await tabTo(page, /.+/, 1)
  const firstCenter = page.getByRole('list', { name: 'Covered centers' }).locator(':scope > li').first().getByRole('heading').getByRole('link')
  await firstCenter.focus()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { name: /^What you pay: / })).toBeVisible()
  await expect(page.locator('#main')).toBeFocused()

  // The request: dates out of order are refused next to the field, which gets the focus back.
  await tabTo(page, 'Earliest date that works for you (optional)', 120)
  await page.keyboard.type(isoDaysFromNow(60).split('-').reverse().slice(0, 2).reverse().join('') + isoDaysFromNow(60).slice(0, 4))
  await tabTo(page, 'Latest date that works for you (optional)', 6)
  await page.keyboard.type(isoDaysFromNow(30).split('-').reverse().slice(0, 2).reverse().join('') + isoDaysFromNow(30).slice(0, 4))
  await tabTo(page, 'Ask for care', 10)
  await page.keyboard.press('Enter')
  await expect(page.getByText('The latest date cannot be before the earliest date')).toBeVisible()
  await expect(page.getByLabel('Latest date that works for you (optional)')).toBeFocused()
  await expect(page.getByLabel('Latest date that works for you (optional)')).toHaveAttribute('aria-invalid', 'true')
  await page.keyboard.type(isoDaysFromNow(90).split('-').reverse().slice(0, 2).reverse().join('') + isoDaysFromNow(90).slice(0, 4))
  await tabTo(page, 'Ask for care', 10)
  await page.keyboard.press('Space')
  await expect(page).toHaveURL(/\/member\/cases\//)
})
