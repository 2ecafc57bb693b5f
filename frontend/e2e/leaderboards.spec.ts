// Leaderboard: a new player claims the daily bonus (10 COIN earned today) and finds themself on
// today's coin board with their place highlighted; the period tabs switch boards; an anonymous
// visitor sees the board without a place; the page fits a phone.
import { expect, test, type BrowserContext, type Page } from '@playwright/test'
import { expectToast, go, layoutReport, russian, shot, signUp } from './support'

test.describe.configure({ mode: 'serial' })

const ru = russian() as { leaderboards: { periods: Record<string, string>; signIn: string } }
let contexts: BrowserContext[] = []
let desktop: Page
let phone: Page
let player = ''

test.beforeAll(async ({ browser }, info) => {
  const use = info.project.use
  player = `lb_${Math.random().toString(36).slice(2, 7)}`
  const common = { locale: 'ru-RU', deviceScaleFactor: 1, serviceWorkers: 'block' as const }
  contexts = await Promise.all([
    browser.newContext({ ...common, viewport: use.viewport }),
    browser.newContext({ ...common, viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true }),
  ])
  ;[desktop, phone] = await Promise.all(contexts.map((c) => c.newPage()))
})

test.afterAll(async () => {
  for (const context of contexts) await context.close()
})

test("a player who earned coins today sees their place on today's board", async () => {
  await signUp(desktop, player)
  await go(desktop, '/progress')
  await desktop.getByTestId('daily-claim').click()
  await expectToast(desktop, '10', 'claiming the daily bonus')
  await go(desktop, '/top')
  await expect(desktop.getByTestId('period-ALL_TIME')).toHaveAttribute('aria-selected', 'true')
  await desktop.getByTestId('period-DAILY').click()
  await expect(desktop.getByTestId('period-DAILY')).toHaveText(ru.leaderboards.periods.DAILY)
  await expect(desktop.getByTestId('viewer-place')).toContainText('10')
  const mine = desktop.locator(`[data-testid=leaderboard-row][data-username=${player}]`)
  await expect(mine).toHaveAttribute('data-me', 'yes')
  await expect(mine.getByTestId('leaderboard-score')).toContainText('10')
  await shot(desktop, 'desktop-leaderboard')
})

test('an anonymous visitor on a phone sees the board without a place, and it fits', async () => {
  await go(phone, '/top')
  await expect(phone.getByTestId('leaderboard-list')).toBeVisible()
  await expect(phone.getByTestId('viewer-none')).toHaveText(ru.leaderboards.signIn)
  await expect(phone.locator('[data-testid=leaderboard-row][data-me=yes]')).toHaveCount(0)
  const report = await layoutReport(phone)
  expect(report.overflowPx, 'no horizontal overflow on a phone').toBe(0)
  await shot(phone, 'phone-leaderboard')
})
