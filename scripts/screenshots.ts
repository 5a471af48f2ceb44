/**
 * Screenshots of each role's pages at desktop and phone width, for looking at what a person
 * sees: `node --import tsx scripts/screenshots.ts [baseUrl]` with the portal running
 * (`npm run demo`). Writes PNGs to screenshots/ (git-ignored).
 */
import fs from 'node:fs'
import { chromium } from '@playwright/test'

const base = process.argv[2] ?? 'http://localhost:3000'
const PASSWORD = 'demo-password-2026'
/** A path to open, or the first link under `from` whose address starts with `link` (a case page, say). */
type Shot = string | { from: string; link: string; name: string }
const PAGES: Array<{ email: string; paths: Shot[] }> = [
  { email: 'hr@acme.example', paths: ['/employer', '/employer/plans', '/employer/programs', '/team', '/employer/coalitions', '/employer/coalition-report', '/employer/coalition-settlements', '/employer/transparency'] },
  { email: 'hr@lakeside.example', paths: ['/employer', '/employer/programs'] },
  { email: 'admin@glec.example', paths: ['/coalition', '/coalition/reports', '/coalition/contracts', { from: '/coalition/contracts', link: '/coalition/contracts/', name: 'coalition-contract' }] },
  { email: 'member@acme.example', paths: ['/member', '/member/cases', { from: '/member/cases', link: '/member/cases/', name: 'member-case' }] },
  { email: 'broker@harbor.example', paths: ['/broker'] },
  { email: 'coordinator@coe-platform.example', paths: ['/coordinator', { from: '/coordinator', link: '/coordinator/cases/', name: 'coordinator-case' }] },
  { email: 'contracts@summit.example', paths: ['/center', '/center/patients', { from: '/center/patients', link: '/center/patients/', name: 'center-patient' }] },
  { email: 'admin@coe-platform.example', paths: ['/admin', '/admin/procedures', '/admin/organizations', '/admin/settings'] },
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
    for (const shot of paths) {
      await page.goto(`${base}${typeof shot === 'string' ? shot : shot.from}`)
      if (typeof shot !== 'string') {
        const href = await page.locator(`main a[href^="${shot.link}"]`).first().getAttribute('href')
        if (!href) throw new Error(`no link to ${shot.link} on ${shot.from}`)
        await page.goto(`${base}${href}`)
      }
      const name = `${typeof shot === 'string' ? shot.slice(1).replace(/\//g, '-') || 'home' : shot.name}-${width}.png`
      await page.screenshot({ path: `screenshots/${name}`, fullPage: true })
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
      console.log(`${name}${overflow > 0 ? `  (page is ${overflow}px wider than the screen)` : ''}`)
    }
    await context.close()
  }
}
await browser.close()
