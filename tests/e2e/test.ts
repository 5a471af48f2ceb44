import { test as base, type Page } from '@playwright/test'

/*
 * The browser suite's `test`: Playwright's, with `page.goto` waiting until the portal's page has
 * hydrated. A page fetches its scripts after the first paint (app/ui/hydration-scripts.tsx), so the
 * 'load' event, where Playwright's goto returns, comes before React and Remix run: a press on a
 * button that only works with them (the find-care map button) could land before they had started,
 * and be lost (a CI failure of spanish.spec.ts). Every page counts: the test's own, and
 * those of contexts a test opens itself (browser.newContext()).
 */
export * from '@playwright/test'

/** Remix has created its router (React's hydration has begun: a press is replayed once it is done). */
export async function hydrated(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('script[type="module"]') === null || '__remixRouter' in window, undefined, { timeout: 20_000 })
}

function waitForHydrationOnGoto(page: Page): void {
  const goto = page.goto.bind(page)
  page.goto = async (url, options) => {
    const response = await goto(url, options)
    const waitsForLoad = options?.waitUntil === undefined || options.waitUntil === 'load' || options.waitUntil === 'networkidle'
    if (waitsForLoad && response?.headers()['content-type']?.startsWith('text/html')) {
      await hydrated(page).catch((error: unknown) => {
        // The page went on to another one meanwhile (a script's redirect): that one is the test's to wait for.
        if (!/Execution context was destroyed|navigat/i.test(String(error))) throw error
      })
    }
    return response
  }
}

/**
 * One hook, on the worker's browser: Playwright's own `context` fixture makes its context with
 * `browser.newContext` too, so the test's page and every page of a context a test opens get it.
 *
 * The browser is the worker's, shared by its tests: a context a journey opens for a second user
 * would stay open (its pages, maps and timers running) through every later test of the worker,
 * so each test ends by closing the contexts opened since it began. Those a `beforeAll` opens for a
 * group of tests (the accessibility spec's signed-in roles) are older than the test and stay.
 * (This was an afterEach in session.ts, which Playwright registered for the first spec file of a
 * worker that imported it only: later files' contexts stayed open, 11 pages at one CI failure.)
 */
export const test = base.extend<{ closeContextsItOpened: void }>({
  closeContextsItOpened: [
    async ({ browser }, use) => {
      const before = new Set(browser.contexts())
      await use()
      await Promise.all(browser.contexts().filter((context) => !before.has(context)).map((context) => context.close()))
    },
    { auto: true },
  ],
  browser: [
    async ({ browser }, use) => {
      const newContext = browser.newContext.bind(browser)
      browser.newContext = async (options) => {
        const context = await newContext(options)
        // Without JavaScript nothing hydrates: the page is whole at 'load'.
        if (options?.javaScriptEnabled !== false) context.on('page', waitForHydrationOnGoto)
        return context
      }
      await use(browser)
    },
    { scope: 'worker' },
  ],
})
