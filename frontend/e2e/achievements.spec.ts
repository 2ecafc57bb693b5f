// Achievements: a new player sees every achievement locked (hidden ones without their title); a gift
// unlocks "Generous" (bronze) through the events consumer, the player features it on their profile;
// the page fits a phone.
import { expect, test, type BrowserContext, type Page } from '@playwright/test'
import { ADMIN_PASSWORD, PLAYER_PASSWORD, adminGrant, contextsFor, expectToast, fill, go, layoutReport, russian, shot, signIn, signUp } from './support'

test.describe.configure({ mode: 'serial' })

const ru = russian() as { achievements: { saved: string; hiddenProgress: string; tiers: Record<string, string> } }
let contexts: BrowserContext[] = []
let player: Page
let friend: Page
let admin: Page
let phone: BrowserContext
let from = ''
let to = ''

test.beforeAll(async ({ browser }, info) => {
  const tag = Math.random().toString(36).slice(2, 7)
  from = `a_from${tag}`
  to = `a_to${tag}`
  ;({ contexts, pages: [player, friend, admin] } = await contextsFor(browser, info, 3))
  phone = await browser.newContext({ locale: 'ru-RU', deviceScaleFactor: 1, serviceWorkers: 'block', viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true })
})

test.afterAll(async () => {
  for (const context of [...contexts, phone]) await context.close()
})

test('a new player sees every achievement locked, hidden ones without a title', async () => {
  await signUp(player, from)
  await signUp(friend, to)
  await go(player, '/achievements')
  await expect(player.getByTestId('achievement').first()).toBeVisible()
  await expect(player.locator('[data-testid=achievement][data-unlocked=true]')).toHaveCount(0)
  await expect(player.locator('[data-testid=achievement][data-key=whale]')).toContainText(ru.achievements.hiddenProgress)
  await expect(player.locator('[data-testid=achievement][data-key=generous] [data-testid=achievement-progress]')).toHaveText('0 / 1')
  await expect(player.getByTestId('featured-empty')).toBeVisible()
})

test('a gift unlocks Generous (bronze) and the player features it', async () => {
  await signIn(admin, 'admin', ADMIN_PASSWORD)
  await adminGrant(admin, from, 100, 'e2e achievements')
  await go(player, '/gifts')
  await fill(player, 'gift-username', to)
  await fill(player, 'gift-amount', 5)
  await player.getByTestId('gift-submit').click()
  await expectToast(player, to, 'sending the gift')
  const card = player.locator('[data-testid=achievement][data-key=generous]')
  await expect(async () => {
    await go(player, '/achievements')
    await expect(card).toHaveAttribute('data-unlocked', 'true', { timeout: 2_000 })
  }, 'the events consumer unlocks the achievement').toPass({ timeout: 30_000 })
  await expect(card).toHaveAttribute('data-tier', 'bronze')
  await expect(card.getByTestId('achievement-progress')).toHaveText('1 / 10')
  await card.getByTestId('feature-toggle').click()
  await expectToast(player, ru.achievements.saved, 'featuring an achievement')
  await expect(player.getByTestId('featured-item')).toHaveCount(1)
  await expect(player.locator('[data-testid=featured-item][data-key=generous]')).toBeVisible()
  await shot(player, 'desktop-achievements')
})

test('on a phone the page fits the screen', async () => {
  const page = await phone.newPage()
  await signIn(page, to, PLAYER_PASSWORD)
  await go(page, '/achievements')
  await expect(page.getByTestId('achievement').first()).toBeVisible()
  const report = await layoutReport(page)
  expect(report.overflowPx, 'no horizontal overflow on a phone').toBe(0)
  await shot(page, 'phone-achievements')
})
