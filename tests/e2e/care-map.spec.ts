import { expect, test, type Locator, type Page } from './test'

// Issue 20, item 2: the find-care map (ADR 0015) for the demo member, who lives in Columbus, OH.
// No facility names are used: the seed's hospitals are real CMS hospitals that may change.

type Box = [west: number, south: number, east: number, north: number]

async function signIn(page: Page) {
  await page.goto('/login')
  await page.getByLabel('E-mail').fill('member@acme.example')
  await page.getByLabel('Password').fill('demo-password-2026')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).not.toHaveURL(/\/login/)
}

/** Find care for a total knee replacement at any distance, the way a member asks for it. */
async function findKneeCenters(page: Page) {
  await page.getByRole('navigation').getByRole('link', { name: 'Find care' }).click()
  await page.getByLabel('Operation').selectOption({ label: 'Total knee replacement' })
  await page.getByLabel('Distance from home').selectOption({ label: 'Any distance' })
  await page.getByRole('button', { name: 'Search', exact: true }).click()
  await expect(page).toHaveURL(/procedure=TKA/)
  await expect(page.getByRole('list', { name: 'Covered centers' }).locator(':scope > li').first()).toBeVisible()
}

const mapRegion = (page: Page) => page.getByRole('region', { name: 'Map of results' })
const canvas = (page: Page) => page.locator('.care-map__canvas')

/** Waits until the map has drawn its markers and says what it shows. */
async function mapReady(page: Page) {
  await expect(page.locator('.care-map')).toHaveAttribute('data-state', 'ready', { timeout: 20_000 })
  await expect(canvas(page)).toHaveAttribute('data-view-bounds', /./)
  await expect.poll(async () => Number(await canvas(page).getAttribute('data-markers'))).toBeGreaterThan(0)
  await expect(canvas(page)).toHaveAttribute('data-moving', 'false')
}

const boxOf = async (page: Page, attribute: string): Promise<Box> => (await canvas(page).getAttribute(attribute))!.split(',').map(Number) as Box

/** Waits for the end of a move (a cluster's zoom, the zoom buttons). */
async function settled(page: Page) {
  await expect(canvas(page)).not.toHaveAttribute('data-moving', 'true')
}

/** Presses the largest cluster until a pin of a covered center stands alone and uncovered; returns that pin. */
async function aloneInNetworkPin(page: Page): Promise<Locator> {
  const pins = mapRegion(page).locator('.care-map__pin--in-network')
  // The whole map on screen (at 1280 × 900 it starts below the search form).
  await page.evaluate(() => document.querySelector('.care-map')?.scrollIntoView({ block: 'end' }))
  // The id of the first pin whose middle is not under another marker (what a person would press).
  const freePin = () =>
    pins.evaluateAll((elements) =>
      elements
        .filter((e) => {
          const r = e.getBoundingClientRect()
          return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === e
        })
        .map((e) => (e as HTMLElement).dataset.pointId)
        .at(0),
    )
  for (let round = 0; round < 12 && !(await freePin()); round++) {
    // The largest cluster that holds a covered center.
    const clusters = mapRegion(page).locator('.care-map__cluster--in-network')
    const counts = await clusters.evaluateAll((elements) => elements.map((e) => Number((e as HTMLElement).dataset.clusterCount)))
    const zoom = Number(await canvas(page).getAttribute('data-zoom'))
    expect(counts.length, 'a cluster to press when no pin stands alone').toBeGreaterThan(0)
    await clusters.nth(counts.indexOf(Math.max(...counts))).click()
    await expect.poll(async () => Number(await canvas(page).getAttribute('data-zoom'))).toBeGreaterThan(zoom)
    await settled(page)
  }
  const id = await freePin()
  expect(id, 'a pin of a covered center stands alone after zooming in').toBeTruthy()
  return mapRegion(page).locator(`.care-map__pin[data-point-id="${id}"]`)
}

test.describe('at 1280 px', () => {
  test.use({ viewport: { width: 1280, height: 900 } })

  test('the first view holds the home and every result; close pins are clusters with a count, and pressing one zooms in', async ({ page }) => {
    await signIn(page)
    await findKneeCenters(page)
    await mapReady(page)

    // The view contains everything it was fitted to (the home, every pin, the home state when results reach beyond it).
    const [fw, fs, fe, fn] = await boxOf(page, 'data-fit-bounds')
    const [vw, vs, ve, vn] = await boxOf(page, 'data-view-bounds')
    expect(vw).toBeLessThanOrEqual(fw)
    expect(vs).toBeLessThanOrEqual(fs)
    expect(ve).toBeGreaterThanOrEqual(fe)
    expect(vn).toBeGreaterThanOrEqual(fn)
    // Ohio (the member's state, about 84.8°W to 80.5°W, 38.4°N to 42°N) is not cut off at the edge.
    expect(vw).toBeLessThan(-84.8)
    expect(ve).toBeGreaterThan(-80.5)
    expect(vs).toBeLessThan(38.4)
    expect(vn).toBeGreaterThan(42)

    // Every marker, the home's included, is drawn inside the map's box, and the clusters and lone pins add up to every point.
    const home = mapRegion(page).getByRole('img', { name: /^Home \(\d{5}\)$/ })
    await expect(home).toBeVisible()
    const box = (await mapRegion(page).boundingBox())!
    const markers = await mapRegion(page)
      .locator('.care-map__home, .care-map__pin, .care-map__cluster')
      .evaluateAll((elements) => elements.map((e) => ({ rect: e.getBoundingClientRect().toJSON() as DOMRect, count: Number((e as HTMLElement).dataset.clusterCount ?? (e.classList.contains('care-map__home') ? 0 : 1)) })))
    for (const { rect } of markers) {
      const x = rect.x + rect.width / 2
      const y = rect.y + rect.height / 2
      expect(x).toBeGreaterThanOrEqual(box.x)
      expect(x).toBeLessThanOrEqual(box.x + box.width)
      expect(y).toBeGreaterThanOrEqual(box.y)
      expect(y).toBeLessThanOrEqual(box.y + box.height)
    }
    const points = Number(await canvas(page).getAttribute('data-points'))
    const results = await page.getByRole('list', { name: 'Covered centers' }).locator(':scope > li').count()
    expect(points).toBeGreaterThanOrEqual(results)
    expect(markers.reduce((sum, m) => sum + m.count, 0)).toBe(points)

    // Close pins are one cluster showing how many it holds; its name says so and that a press zooms in.
    const cluster = mapRegion(page).locator('.care-map__cluster').first()
    await expect(cluster).toBeVisible()
    const count = (await cluster.getAttribute('data-cluster-count'))!
    expect(Number(count)).toBeGreaterThanOrEqual(2)
    await expect(cluster).toHaveText(count)
    await expect(cluster).toHaveAccessibleName(new RegExp(`^${count} .*close together.*zoom in`))

    const zoomBefore = Number(await canvas(page).getAttribute('data-zoom'))
    const markersBefore = await mapRegion(page).locator('.care-map__pin, .care-map__cluster').count()
    await cluster.click()
    await expect.poll(async () => Number(await canvas(page).getAttribute('data-zoom'))).toBeGreaterThan(zoomBefore)
    await settled(page)
    // Zoomed in to the cluster: its pins (or smaller clusters) now stand apart.
    await expect.poll(() => mapRegion(page).locator('.care-map__pin, .care-map__cluster').count()).toBeGreaterThanOrEqual(Math.min(markersBefore, 2))
  })

  test('a pin opens a popup with the name, what the member pays, stars, distance and a link, by mouse and by keyboard', async ({ page }) => {
    await signIn(page)
    await findKneeCenters(page)
    await mapReady(page)
    const pin = await aloneInNetworkPin(page)
    const name = (await pin.getAttribute('aria-label'))!

    // Mouse: the pin selects its result and opens the popup.
    await pin.click()
    const popup = mapRegion(page).getByRole('dialog', { name })
    await expect(popup).toBeVisible()
    await expect(popup).toContainText(/You pay \$[\d,]+/)
    await expect(popup).toContainText(/\d of 5 stars|No star rating/)
    await expect(popup).toContainText(/[\d,]+ miles? from home/)
    const link = popup.getByRole('link', { name: 'See this center' })
    await expect(link).toHaveAttribute('href', /^\/member\/care\/[^/?]+/)
    await expect(pin).toHaveAttribute('aria-expanded', 'true')
    await expect(pin).toHaveAttribute('aria-pressed', 'true')

    // Escape closes it and gives the focus back to the pin.
    await page.keyboard.press('Escape')
    await expect(popup).toBeHidden()
    await expect(pin).toBeFocused()
    await expect(pin).toHaveAttribute('aria-expanded', 'false')

    // Keyboard: Enter on the focused pin opens the popup with the focus on its link; the link opens the center.
    await pin.press('Enter')
    await expect(popup).toBeVisible()
    await expect(link).toBeFocused()
    await page.keyboard.press('Enter')
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
  })

  test('from the keyboard alone: a cluster zooms in and hands the focus to its first pin, whose popup opens with Enter', async ({ page }) => {
    await signIn(page)
    await findKneeCenters(page)
    await mapReady(page)
    const focused = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.className ?? '')
    await mapRegion(page).locator('.care-map__pin, .care-map__cluster').first().focus()
    for (let round = 0; round < 12 && (await focused()).includes('care-map__cluster'); round++) {
      const zoom = Number(await canvas(page).getAttribute('data-zoom'))
      // The pressed cluster is marked, to tell when the focus has left it.
      await page.evaluate(() => document.activeElement?.setAttribute('data-pressed', String(Date.now())))
      await page.keyboard.press('Enter')
      await expect.poll(async () => Number(await canvas(page).getAttribute('data-zoom'))).toBeGreaterThan(zoom)
      await settled(page)
      // The focus stays on the map: on a pin the cluster held, or on a smaller cluster where it was; never left on the
      // pressed cluster (which, until the new zoom's markers are drawn, is still on screen at the old place).
      await expect
        .poll(() => page.evaluate(() => (document.activeElement?.hasAttribute('data-pressed') ? 'the pressed cluster' : (document.activeElement as HTMLElement | null)?.className ?? '')))
        .toMatch(/care-map__(pin|cluster)/)
    }
    expect(await focused()).toContain('care-map__pin')
    const pinId = await page.evaluate(() => (document.activeElement as HTMLElement).dataset.pointId!)
    const pin = mapRegion(page).locator(`[data-point-id="${pinId}"]`)
    await page.keyboard.press('Enter')
    await expect(pin).toHaveAttribute('aria-pressed', 'true')
    const popup = mapRegion(page).getByRole('dialog')
    await expect(popup).toBeVisible()
    await expect(popup.getByRole('link').or(popup.getByRole('button', { name: 'Close' })).first()).toBeFocused()
    await page.keyboard.press('Escape')
    await expect(popup).toBeHidden()
    await expect(pin).toBeFocused()
  })

  test('without a Mapbox token the base map names cities and states, also zoomed in close', async ({ page }) => {
    await signIn(page)
    await findKneeCenters(page)
    await mapReady(page)
    await expect(canvas(page)).toHaveAttribute('data-map-library', 'maplibre')
    // At the first view: large cities (Columbus is the member's) and the states.
    const cityLabels = async () => (await canvas(page).getAttribute('data-city-labels'))?.split('|') ?? []
    const stateLabels = async () => (await canvas(page).getAttribute('data-state-labels'))?.split('|') ?? []
    await expect.poll(async () => (await cityLabels()).length).toBeGreaterThanOrEqual(5)
    expect(await cityLabels()).toContain('Chicago')
    await expect.poll(stateLabels).toContain('Ohio')

    // Zoomed in far past the states' outlines, the map still says where it is (no empty box).
    const zoomIn = mapRegion(page).getByRole('button', { name: 'Zoom in', exact: true })
    for (let i = 0; i < 7; i++) await zoomIn.click()
    await expect.poll(async () => Number(await canvas(page).getAttribute('data-zoom'))).toBeGreaterThanOrEqual(9)
    await settled(page)
    // The corner says which named city the view is near.
    await expect(canvas(page)).toHaveAttribute('data-where', /^Near .+, [A-Z]{2}$/)
    await expect(mapRegion(page).locator('.care-map__where')).toBeVisible()
  })

  test('the map stays in view beside the list while the list scrolls', async ({ page }) => {
    await signIn(page)
    await findKneeCenters(page)
    await mapReady(page)
    const list = page.getByRole('list', { name: 'Covered centers' })
    await list.locator(':scope > li').last().scrollIntoViewIfNeeded()
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(1500)
    await expect(mapRegion(page)).toBeInViewport({ ratio: 0.95 })
    const box = (await mapRegion(page).boundingBox())!
    expect(box.y).toBeGreaterThanOrEqual(0)
    expect(box.y).toBeLessThan(40)
    // Beside the list, not above or below it.
    const listBox = (await list.boundingBox())!
    expect(box.x).toBeGreaterThan(listBox.x + listBox.width - 1)
  })
})

test.describe('at 375 px', () => {
  test.use({ viewport: { width: 375, height: 800 } })

  test('the list comes first and the map, on request, fits the home and the results', async ({ page }) => {
    await signIn(page)
    await findKneeCenters(page)
    await expect(mapRegion(page)).toHaveCount(0)
    await page.getByRole('button', { name: 'Show map' }).click()
    await mapReady(page)
    const [fw, fs, fe, fn] = await boxOf(page, 'data-fit-bounds')
    const [vw, vs, ve, vn] = await boxOf(page, 'data-view-bounds')
    expect([vw <= fw, vs <= fs, ve >= fe, vn >= fn]).toEqual([true, true, true, true])
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(376)
  })
})
