/**
 * Screenshots of each role's pages at desktop and phone width, for looking at what a person
 * sees: `node --import tsx scripts/screenshots.ts [baseUrl]` with the portal running
 * (`npm run demo`). Writes PNGs to screenshots/ (git-ignored).
 */
import fs from 'node:fs'
import { chromium } from '@playwright/test'

const base = process.argv[2] ?? 'http://localhost:3000'
const PASSWORD = 'demo-password-2026'
const PAGES: Array<{ email: string; paths: string[] }> = [
  { email: 'hr@acme.example', paths: ['/employer', '/employer/plans', '/employer/programs'] },
  { email: 'member@acme.example', paths: ['/member'] },
  { email: 'broker@harbor.example', paths: ['/broker'] },
  { email: 'coordinator@coe-platform.example', paths: ['/coordinator'] },
  { email: 'contracts@summit.example', paths: ['/center'] },
  { email: 'admin@coe-platform.example', paths: ['/admin', '/admin/procedures'] },
]

fs.mkdirSync('screenshots', { recursive: true })
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
})
for (const width of [1280, 375]) {
  const anonymous = await browser.newPage({ viewport: { width, height: 800 } })
  await anonymous.goto(`${base}/login`)
  await anonymous.screenshot({ path: `screenshots/login-${width}.png`, fullPage: true })
  await anonymous.getByLabel('E-mail').fill('hr@acme.example')
  await anonymous.getByLabel('Password').fill('wrong')
  await anonymous.getByRole('button', { name: 'Sign in' }).click()
  await anonymous.getByRole('alert').filter({ hasText: 'do not match' }).waitFor()
  await anonymous.screenshot({ path: `screenshots/login-error-${width}.png`, fullPage: true })
  await anonymous.close()
  for (const { email, paths } of PAGES) {
    const context = await browser.newContext({ viewport: { width, height: 800 } })
    const page = await context.newPage()
    await page.goto(`${base}/login`)
    await page.getByLabel('E-mail').fill(email)
    await page.getByLabel('Password').fill(PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL((url) => !url.pathname.startsWith('/login'))
    for (const path of paths) {
      await page.goto(`${base}${path}`)
      const name = `${path.slice(1).replace(/\//g, '-') || 'home'}-${width}.png`
      await page.screenshot({ path: `screenshots/${name}`, fullPage: true })
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
      console.log(`${name}${overflow > 0 ? `  (page is ${overflow}px wider than the screen)` : ''}`)
    }
    await context.close()
  }
}
await browser.close()
