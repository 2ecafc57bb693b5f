// Challenges: a new player opens the challenges page from the menu and sees 3 daily, 5 weekly and
// 3 monthly challenges with progress bars and time left, and three streaks at 0; the home page
// suggests the day's challenges; claiming the daily bonus moves every "claim the daily bonus"
// challenge (counted from the event by the worker); the page fits a phone.
import { expect, test, type BrowserContext, type Page } from '@playwright/test'
import { go, layoutReport, russian, shot, signUp } from './support'

test.describe.configure({ mode: 'serial' })

const ru = russian() as { challenges: { periods: Record<string, string>; kinds: Record<string, string> }; nav: { challenges: string } }
let contexts: BrowserContext[] = []
let desktop: Page
let phone: Page
let player = ''

test.beforeAll(async ({ browser }, info) => {
  const use = info.project.use
  player = `c_ch${Math.random().toString(36).slice(2, 7)}`
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

test('a new player sees three groups of challenges and the home card suggests them', async () => {
  await signUp(desktop, player)
  await expect(desktop.getByTestId('home-next-challenges')).toBeVisible()
  await expect(desktop.getByTestId('nav-challenges').first()).toHaveText(ru.nav.challenges)
  await desktop.getByTestId('nav-challenges').first().click()
  await expect(desktop).toHaveURL(/\/challenges$/)
  await expect(desktop.getByTestId('challenge')).toHaveCount(11)
  for (const [period, count] of [['DAILY', 3], ['WEEKLY', 5], ['MONTHLY', 3]] as const) {
    const group = desktop.getByTestId(`group-${period}`)
    await expect(group.getByTestId('challenge')).toHaveCount(count)
    await expect(group).toContainText(ru.challenges.periods[period])
    await expect(group.getByTestId('time-left')).toContainText(/\d/)
  }
  await expect(desktop.getByTestId('challenge-progress').first()).toHaveText(/^0 \/ \d+$/)
  for (const period of ['DAILY', 'WEEKLY', 'MONTHLY']) await expect(desktop.getByTestId(`streak-${period}`)).toHaveAttribute('data-current', '0')
  await shot(desktop, 'desktop-challenges')
})

test('the daily bonus moves every "claim the daily bonus" challenge', async () => {
  await go(desktop, '/progress')
  await desktop.getByTestId('daily-claim').click()
  await expect(desktop.getByTestId('daily-claim')).toBeDisabled()
  await expect(async () => {
    await go(desktop, '/challenges')
    await expect(desktop.getByTestId('challenge')).toHaveCount(11)
    const progress = await desktop.locator('[data-testid=challenge][data-kind=daily] [data-testid=challenge-progress]').allTextContents()
    expect(progress.every((text) => text.startsWith('1 /')), `daily-bonus challenges after the claim: ${progress.join(', ')}`).toBe(true)
  }).toPass({ timeout: 20_000 })
  const daily = desktop.locator('[data-testid=group-DAILY] [data-testid=challenge][data-kind=daily]')
  if ((await daily.count()) > 0) await expect(daily).toHaveAttribute('data-completed', 'true')
})

test('on a phone the page fits the screen', async () => {
  await signUp(phone, `${player}m`)
  await go(phone, '/challenges')
  await expect(phone.getByTestId('challenge')).toHaveCount(11)
  const report = await layoutReport(phone)
  expect(report.overflowPx, 'no horizontal overflow on a phone').toBe(0)
  await shot(phone, 'phone-challenges')
})
