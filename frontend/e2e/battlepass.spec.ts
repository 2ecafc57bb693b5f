// The battle pass: a funded player sees season 1 and the 100-level track, skips two levels (free
// rewards paid), buys premium after confirming (the premium rewards of levels 1-2 paid at once),
// and a purchase past the balance is refused; on a phone the track scrolls sideways, the page does not.
import { expect, test, type BrowserContext, type Page } from '@playwright/test'
import { ADMIN_PASSWORD, adminGrant, balance, expectAmount, expectToast, fill, go, layoutReport, russian, shot, signIn, signUp } from './support'

test.describe.configure({ mode: 'serial' })

type Tree = { [key: string]: string | Tree }
const ru = russian() as Tree & { battlepass: Record<string, string>; errors: { BattlePassErrorCode: Record<string, string> } }
let contexts: BrowserContext[] = []
let player: Page
let admin: Page
let phone: Page
let name = ''

async function confirm(page: Page) {
  const action = page.locator('.n-popconfirm__action button').last()
  await expect(action).toBeVisible()
  await action.click()
}

test.beforeAll(async ({ browser }, info) => {
  name = `bp_${Math.random().toString(36).slice(2, 8)}`
  const common = { locale: 'ru-RU', deviceScaleFactor: 1, serviceWorkers: 'block' as const }
  contexts = await Promise.all([
    browser.newContext({ ...common, viewport: info.project.use.viewport }),
    browser.newContext({ ...common, viewport: info.project.use.viewport }),
    browser.newContext({ ...common, viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true }),
  ])
  ;[player, admin, phone] = await Promise.all(contexts.map((c) => c.newPage()))
})

test.afterAll(async () => {
  for (const context of contexts) await context.close()
})

test('a funded player sees the season, level 0 and the 100-level track', async () => {
  await signUp(player, name)
  await signIn(admin, 'admin', ADMIN_PASSWORD)
  await adminGrant(admin, name, 1000, 'e2e battle pass')
  await go(player, '/pass')
  await expect(player.getByTestId('bp-season')).toContainText('1')
  await expect(player.getByTestId('bp-level')).toHaveAttribute('data-level', '0')
  await expect(player.getByTestId('bp-ends')).toBeVisible()
  await expect(player.getByTestId('bp-track').locator('> li')).toHaveCount(100)
})

test('skipping two levels asks first, then pays their free rewards', async () => {
  await fill(player, 'bp-levels-input', 2)
  await player.getByTestId('bp-buy-levels').click()
  await expect(player.getByTestId('bp-confirm-levels')).toBeVisible()
  await confirm(player)
  await expectToast(player, '2', 'buying two levels')
  await expect(player.getByTestId('bp-level')).toHaveAttribute('data-level', '2')
  await expect(player.getByTestId('bp-level-2').getByTestId('bp-free')).toHaveAttribute('data-claimed', 'true')
  await expect(player.getByTestId('bp-level-2').getByTestId('bp-premium')).toHaveAttribute('data-claimed', 'false')
})

test('premium pays the premium rewards of the levels reached at once', async () => {
  await player.getByTestId('bp-buy-premium').click()
  await expect(player.getByTestId('bp-confirm-premium')).toBeVisible()
  await confirm(player)
  await expect(player.getByTestId('bp-premium-tag')).toBeVisible()
  await expect(player.getByTestId('bp-level-1').getByTestId('bp-premium')).toHaveAttribute('data-claimed', 'true')
  await expect(player.getByTestId('bp-level-2').getByTestId('bp-premium')).toHaveAttribute('data-claimed', 'true')
  await go(player, '/')
  // 1000 − 2 × 150 + 2 × 10 − 500 + 2 × 25
  await expectAmount(balance(player), '270', 'the balance after the battle pass purchases')
})

test('a skip past the balance is refused with its reason', async () => {
  await go(player, '/pass')
  await fill(player, 'bp-levels-input', 5)
  await player.getByTestId('bp-buy-levels').click()
  await confirm(player)
  await expect(player.getByTestId('form-error')).toHaveText(ru.errors.BattlePassErrorCode.INSUFFICIENT_FUNDS)
  await expect(player.getByTestId('bp-level')).toHaveAttribute('data-level', '2')
  await shot(player, 'desktop-battlepass')
})

test('on a phone the track scrolls sideways and the page fits the screen', async () => {
  await signUp(phone, `${name}m`)
  await go(phone, '/pass')
  const track = phone.getByTestId('bp-track')
  await expect(track.locator('> li')).toHaveCount(100)
  const sizes = await track.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }))
  expect(sizes.scroll).toBeGreaterThan(sizes.client * 5)
  const report = await layoutReport(phone)
  expect(report.overflowPx, 'no horizontal overflow on a phone').toBe(0)
  await shot(phone, 'phone-battlepass')
})
