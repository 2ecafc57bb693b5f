// Progress: a new player sees the loyalty tier, level 1 and an empty streak; claims the daily bonus
// (the balance rises by 10 COIN), and a second claim is impossible; the page fits a phone too.
import { expect, test, type BrowserContext, type Page } from '@playwright/test'
import { balance, expectAmount, expectToast, go, layoutReport, russian, shot, signUp } from './support'

test.describe.configure({ mode: 'serial' })

const ru = russian() as { progression: { tiers: Record<string, string>; claimed: string } }
let contexts: BrowserContext[] = []
let desktop: Page
let phone: Page
let player = ''

test.beforeAll(async ({ browser }, info) => {
  const use = info.project.use
  player = `p_day${Math.random().toString(36).slice(2, 7)}`
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

test('a new player sees the bronze tier, level 1 and a streak of 0', async () => {
  await signUp(desktop, player)
  await go(desktop, '/progress')
  await expect(desktop.getByTestId('loyalty-tier')).toHaveAttribute('data-tier', 'bronze')
  await expect(desktop.getByTestId('tier-name')).toContainText(ru.progression.tiers.bronze)
  await expect(desktop.getByTestId('streak-current')).toHaveText('0')
  await expect(desktop.getByTestId('milestones').locator('li')).toHaveCount(3)
})

test('the daily bonus is claimed once: 10 COIN and a streak of 1', async () => {
  await desktop.getByTestId('daily-claim').click()
  await expectToast(desktop, '10', 'claiming the daily bonus')
  await expect(desktop.getByTestId('streak-current')).toHaveText('1')
  await expect(desktop.getByTestId('daily-claim')).toBeDisabled()
  await expect(desktop.getByTestId('daily-claim')).toHaveText(ru.progression.claimed)
  await go(desktop, '/')
  await expectAmount(balance(desktop), '10', 'the balance after the daily bonus')
  await go(desktop, '/progress')
  await expect(desktop.getByTestId('daily-claim')).toBeDisabled()
  await shot(desktop, 'desktop-progression')
})

test('on a phone the page fits the screen', async () => {
  await signUp(phone, `${player}m`)
  await go(phone, '/progress')
  await expect(phone.getByTestId('loyalty-tier')).toBeVisible()
  await expect(phone.getByTestId('daily-claim')).toBeEnabled()
  const report = await layoutReport(phone)
  expect(report.overflowPx, 'no horizontal overflow on a phone').toBe(0)
  await shot(phone, 'phone-progression')
})
