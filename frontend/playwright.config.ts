import { defineConfig } from '@playwright/test'

// The e2e test drives Debian's Chromium (never `npx playwright install`) against `lucas serve`,
// started by e2e/global-setup.ts on a free port with a throwaway data dir.
const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium'
// Generous: the machine running the suite may be busy (a sign-in once took over 20 s at load 15 on 2 cores).
const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS ?? 30000)

export default defineConfig({
  testDir: './e2e',
  globalSetup: './e2e/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  reporter: [['list']],
  timeout: 6 * TIMEOUT,
  expect: { timeout: TIMEOUT },
  outputDir: './node_modules/.e2e-results',
  use: {
    locale: 'ru-RU',
    deviceScaleFactor: 1,
    actionTimeout: TIMEOUT,
    navigationTimeout: TIMEOUT,
    trace: 'off',
    launchOptions: {
      executablePath: CHROME,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
    },
  },
  projects: [
    { name: 'desktop', testMatch: 'app.spec.ts', use: { viewport: { width: 1366, height: 900 }, isMobile: false, hasTouch: false } },
    { name: 'phone', testMatch: 'app.spec.ts', use: { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true } },
    { name: 'pwa', testMatch: 'pwa.spec.ts', use: { viewport: { width: 1366, height: 900 } } },
    // every domain's own spec (e2e/<domain>.spec.ts), at desktop size
    { name: 'domains', testIgnore: ['app.spec.ts', 'pwa.spec.ts'], use: { viewport: { width: 1366, height: 900 } } },
  ],
})
