import { defineConfig } from '@playwright/test'

const port = Number(process.env.E2E_PORT ?? 3100)
const onPostgres = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '')
/**
 * The CMS import page's imports root (IMPORTS_DIR) for both servers, relative to the repository
 * (gitignored); tests/e2e/platform-admin.spec.ts places a release folder in it.
 */
const E2E_IMPORTS_DIR = 'tests/.tmp/e2e-imports'

/**
 * Browser journeys in Debian's Chromium (no browser download is possible here). The server is
 * the production build on a freshly seeded database (scripts/e2e-server.ts), SQLite or, with
 * DATABASE_URL=postgres://…, PostgreSQL.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  // The page-by-page axe audit (accessibility.spec.ts: every page of every role at two sizes, half
  // of the suite's time) checks markup, which the database does not change: it runs on SQLite only.
  // Every journey, with its own axe checks of the pages it adds, runs on both databases.
  testIgnore: onPostgres ? ['**/accessibility.spec.ts'] : [],
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: process.env.E2E_JSON_REPORT ?? 'tests/.tmp/e2e-report.json' }]],
  outputDir: 'tests/.tmp/e2e-artifacts',
  use: {
    baseURL: `http://localhost:${port}`,
    screenshot: 'only-on-failure',
    trace: 'off',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: [
    {
      command: 'node --import tsx scripts/e2e-server.ts',
      url: `http://localhost:${port}/healthz`,
      env: { E2E_PORT: String(port), IMPORTS_DIR: E2E_IMPORTS_DIR },
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // The same portal with Stripe billing against the local Stripe-compatible server (billing journeys).
      command: 'node --import tsx scripts/e2e-server.ts',
      url: `http://localhost:${port + 1}/healthz`,
      env: { E2E_PORT: String(port + 1), E2E_STRIPE: '1', IMPORTS_DIR: E2E_IMPORTS_DIR },
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
})
