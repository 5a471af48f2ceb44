import { expect, test, type Locator, type Page } from './test'
import { axeReport } from './axe'

/*
 * Issue 20, items 1, 3 and 4 as the demo member (Columbus, OH) sees them. The demo runs on real
 * CMS hospitals, so names and figures are read from the page, never assumed: what is checked is
 * the order and the words. This journey asks for no care (find-care.spec.ts does), so it can run
 * beside the others.
 */
const TIER_RANK: Record<string, number> = { top: 0, good: 1, average: 2, not_enough_data: 3 }

async function signIn(page: Page) {
  await page.goto('/login')
  await page.getByLabel('E-mail').fill('member@acme.example')
  await page.getByLabel('Password').fill('demo-password-2026')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('heading', { level: 1, name: /^Hello, / })).toBeVisible()
}

const dollars = (text: string) => Math.round(Number(text.replace(/[^\d.]/g, '')))

/** What a result card says: the name, what the member pays (whole dollars), the tier and its words, the miles. */
async function readCards(list: Locator) {
  const cards = list.locator(':scope > li')
  const count = await cards.count()
  const read = []
  for (let i = 0; i < count; i++) {
    const card = cards.nth(i)
    const tier = card.locator('.quality-tier')
    read.push({
      name: (await card.getByRole('heading').textContent())!.trim(),
      pays: dollars((await card.locator('.result__cost--program strong').textContent())!),
      tier: (await tier.getAttribute('data-tier'))!,
      words: (await tier.textContent())!.trim(),
      miles: Number((/· (?:a )?([\d,]+) (?:miles?|millas?) /.exec((await card.locator('p.muted.small').first().textContent())!)?.[1] ?? 'NaN').replace(/,/g, '')),
    })
  }
  return read
}

test('best match: what the member pays, then the quality tier, then distance; each tier said with its facts', async ({ page }) => {
  test.setTimeout(60_000)
  await signIn(page)
  await page.getByRole('navigation').getByRole('link', { name: 'Find care' }).click()
  await page.getByLabel('Operation').selectOption({ label: 'Total knee replacement' })
  await page.getByRole('button', { name: 'Search', exact: true }).click()
  await expect(page).toHaveURL(/procedure=TKA/)
  // Best match is the default order, and the page says what it means.
  await expect(page.getByLabel('Sort by')).toHaveValue('best')
  await expect(page.getByRole('status')).toContainText('sorted by best match.')
  await expect(page.getByRole('status')).toContainText('Best match: what you pay, then quality, then distance.')

  const list = page.getByRole('list', { name: 'Covered centers' })
  await expect(list.locator(':scope > li').first()).toBeVisible()
  const cards = await readCards(list)
  expect(cards.length).toBeGreaterThan(1)
  for (const card of cards) {
    // "Top quality: 5 of 5 CMS stars, fewer complications than the nation, readmissions no different from the nation"
    expect(card.words).toMatch(/^(Top quality|Good quality|Average quality|Not enough quality data): (\d of 5 CMS stars|no CMS star rating), /)
    expect(card.words).toMatch(/complications (than|no different|not published)|more complications|fewer complications/)
    expect(card.words).not.toMatch(/\/ ?100/)
  }
  // The order holds: dollars, then tier, then miles (miles are rounded on the card, so ≤).
  for (let i = 1; i < cards.length; i++) {
    const [a, b] = [cards[i - 1]!, cards[i]!]
    expect(a.pays <= b.pays, `${a.name} ($${a.pays}) before ${b.name} ($${b.pays})`).toBe(true)
    if (a.pays === b.pays) {
      expect(TIER_RANK[a.tier]! <= TIER_RANK[b.tier]!, `${a.name} (${a.tier}) before ${b.name} (${b.tier})`).toBe(true)
      if (a.tier === b.tier) expect(a.miles <= b.miles, `${a.name} (${a.miles} mi) before ${b.name} (${b.miles} mi)`).toBe(true)
    }
  }
  // Issue 20: among equal costs a center 1,000+ miles away never comes before a better-rated one nearer home.
  const firstFar = cards.findIndex((c) => c.miles > 1_000)
  if (firstFar > 0) {
    for (const earlier of cards.slice(0, firstFar)) if (earlier.pays === cards[firstFar]!.pays) expect(TIER_RANK[earlier.tier]! <= TIER_RANK[cards[firstFar]!.tier]!).toBe(true)
  }
  expect(await axeReport(page)).toEqual([])

  // On quality the tiers come in order, whatever the cost; "not enough data" after every rated center.
  await page.getByLabel('Sort by').selectOption({ label: 'Quality' })
  await page.getByRole('button', { name: 'Search', exact: true }).click()
  await expect(page).toHaveURL(/sort=quality/)
  await expect(page.getByRole('status')).toContainText('sorted by quality')
  const byQuality = await readCards(list)
  expect(byQuality.map((c) => TIER_RANK[c.tier]!)).toEqual([...byQuality.map((c) => TIER_RANK[c.tier]!)].sort((x, y) => x - y))

  // The center page says the same tier in words, with how the rating works.
  const top = byQuality[0]!
  await list.locator(':scope > li').first().getByRole('heading').getByRole('link').click()
  await expect(page.getByRole('heading', { level: 1, name: top.name })).toBeVisible()
  const quality = page.getByRole('region', { name: 'How this hospital does (CMS data)' })
  await expect(quality.locator('.quality-tier')).toHaveText(top.words)
  await quality.getByText('How the quality rating works').click()
  await expect(quality.getByText(/^Not enough quality data: CMS publishes fewer than two of the star rating/)).toBeVisible()
})

test('travel counts the nights away from home; near home the companion is welcome but travel is not paid; a call needs a phone number', async ({ page }) => {
  test.setTimeout(60_000)
  await signIn(page)
  await page.goto('/member/care?procedure=TKA&sort=distance')
  const list = page.getByRole('list', { name: 'Covered centers' })
  await expect(list.locator(':scope > li').first()).toBeVisible()
  const cards = await readCards(list)
  const far = cards.findIndex((c) => c.miles >= 50)
  expect(far, 'a covered center 50 miles or more from Columbus').toBeGreaterThanOrEqual(0)

  // The card sums the nights: "5 nights $875".
  await expect(list.locator(':scope > li').nth(far)).toContainText(/5 nights \$875/)
  await list.locator(':scope > li').nth(far).getByRole('heading').getByRole('link').click()
  await expect(page.getByRole('heading', { level: 1, name: cards[far]!.name })).toBeVisible()
  const travel = page.getByRole('region', { name: /^Travel: / })
  // 5 × $175 = $875, and how the 5 nights are counted.
  await expect(travel).toContainText('5 nights × $175 = $875')
  await expect(travel.locator('#nights-counted')).toHaveText(
    '5 nights near the center: the visit before your operation, the hospital stay (1 night) and recovery before you travel home; up to $175 a night.',
  )
  // Meals cover the nights and the day home: $60 × 6 days.
  await expect(travel).toContainText(/\$60 × 6 days × /)
  expect(await axeReport(page)).toEqual([])

  // A center within 50 miles: the companion is welcome, but nobody's travel is paid.
  const near = cards.findIndex((c) => c.miles < 50)
  if (near >= 0) {
    await page.goBack()
    await list.locator(':scope > li').nth(near).getByRole('heading').getByRole('link').click()
    await expect(page.getByRole('heading', { level: 1, name: cards[near]!.name })).toBeVisible()
    await expect(page.getByLabel(/Someone will come with me/)).toBeVisible()
    await expect(page.getByText('Someone will come with me (they are welcome; travel is not paid here, since you live within 50 miles)')).toBeVisible()
    await expect(page.getByText('their travel is paid')).toHaveCount(0)
  }

  // Phone or text: the page asks for a number and refuses one that is not a US number (nothing is sent).
  await expect(page.getByLabel('Phone number for the call or text')).toHaveCount(0)
  await page.getByLabel('How should we contact you?').selectOption('phone')
  const phone = page.getByLabel('Phone number for the call or text')
  await expect(phone).toBeVisible()
  await phone.fill('555-0123')
  await page.getByRole('button', { name: 'Ask for care' }).click()
  await expect(page.getByText('Enter a US phone number with area code, like (614) 555-0123')).toBeVisible()
  await expect(phone).toHaveAttribute('aria-invalid', 'true')
  await expect(page).toHaveURL(/\/member\/care\/[^/?]+/)
  expect(await axeReport(page)).toEqual([])
})

test.describe('in Spanish', () => {
  test.use({ locale: 'es-US', extraHTTPHeaders: { 'Accept-Language': 'es-US,es;q=0.9,en;q=0.5' } })

  test('the tier, its facts and the nights away read in Spanish', async ({ page }) => {
    test.setTimeout(60_000)
    await page.goto('/login')
    await page.getByLabel('Correo electrónico').fill('member@acme.example')
    await page.getByLabel('Contraseña').fill('demo-password-2026')
    await page.getByRole('button', { name: 'Iniciar sesión' }).click()
    await expect(page.getByRole('heading', { level: 1, name: /^Hola, / })).toBeVisible()
    await page.goto('/member/care?procedure=TKA&sort=distance')
    await expect(page.getByRole('status')).toContainText('ordenados por distancia')
    const list = page.getByRole('list', { name: 'Centros cubiertos' })
    const first = list.locator(':scope > li').first().locator('.quality-tier')
    await expect(first).toHaveText(/^(Calidad superior|Buena calidad|Calidad promedio|No hay suficientes datos de calidad): (\d de 5 estrellas de CMS|sin calificación de estrellas de CMS), /)
    const cards = await readCards(list)
    const far = cards.findIndex((c) => c.miles >= 50)
    expect(far).toBeGreaterThanOrEqual(0)
    await list.locator(':scope > li').nth(far).getByRole('heading').getByRole('link').click()
    await expect(page.locator('#nights-counted')).toHaveText(
      '5 noches cerca del centro: la visita antes de su operación, la estadía en el hospital (1 noche) y la recuperación antes de viajar a casa; hasta $175 por noche.',
    )
    await page.getByLabel('¿Cómo debemos comunicarnos con usted?').selectOption('text')
    await page.getByLabel('Número de teléfono para la llamada o el mensaje de texto').fill('+44 20 7946 0958')
    await page.getByRole('button', { name: 'Pedir atención' }).click()
    await expect(page.getByText('Escriba un número de teléfono de EE. UU. con código de área, como (614) 555-0123')).toBeVisible()
    expect(await axeReport(page)).toEqual([])
  })
})
