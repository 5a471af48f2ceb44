import { chromium } from '@playwright/test'
const base = 'http://localhost:3000'
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu','--disable-quic','--no-first-run','--disable-background-networking','--disable-component-update','--disable-sync'] })
const [path, width, height, user] = process.argv.slice(2)
const page = await browser.newPage({ viewport: { width: Number(width), height: Number(height) } })
await page.goto(base + '/login')
await page.getByLabel('E-mail').fill(user ?? 'hr@acme.example')
await page.getByLabel('Password').fill('demo-password-2026')
await page.getByRole('button', { name: 'Sign in' }).click()
await page.waitForLoadState('networkidle')
await page.goto(base + path)
await page.screenshot({ path: `/tmp/shots/view.png` })
await browser.close()
