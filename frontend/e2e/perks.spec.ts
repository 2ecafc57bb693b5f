// Group perks: an admin puts "stickers without limit" on sale with the form on the admin items
// page; a player buys it in the shop, and once the perks consumer has run the inventory shows the
// perk with its expiry, in Russian, on a desktop and on a phone.
import { expect, test, type BrowserContext, type Page } from '@playwright/test'
import { ADMIN_PASSWORD, PLAYER_PASSWORD, base, expectToast, fill, go, layoutReport, shot, signIn, signUp } from './support'

test.describe.configure({ mode: 'serial' })

let contexts: BrowserContext[] = []
let desktop: Page
let phone: Page
let admin: Page
let adminToken = ''
const suffix = Math.random().toString(36).slice(2, 7)
const player = `p_perk${suffix}`
const itemName = `Sticker pass ${suffix}`

async function api(query: string, variables: Record<string, unknown> = {}, token = adminToken): Promise<Record<string, any>> {
  const response = await fetch(`${base()}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  })
  const body = (await response.json()) as { data?: Record<string, any>; errors?: unknown }
  if (body.errors || !body.data) throw new Error(`GraphQL failed: ${JSON.stringify(body)}`)
  return body.data
}

test.beforeAll(async ({ browser }, info) => {
  const use = info.project.use
  const common = { locale: 'ru-RU', deviceScaleFactor: 1, serviceWorkers: 'block' as const }
  contexts = await Promise.all([
    browser.newContext({ ...common, viewport: use.viewport }),
    browser.newContext({ ...common, viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true }),
    browser.newContext({ ...common, viewport: use.viewport }),
  ])
  ;[desktop, phone, admin] = await Promise.all(contexts.map((c) => c.newPage()))
  const login = await api('mutation($i: AuthLoginInput!) { authLogin(input: $i) { accessToken } }', { i: { username: 'admin', password: ADMIN_PASSWORD } }, '')
  adminToken = login.authLogin.accessToken
})

test.afterAll(async () => {
  for (const context of contexts) await context.close()
})

test('an admin puts a group perk on sale with the form and sees it listed', async () => {
  await signIn(admin, 'admin', ADMIN_PASSWORD)
  await go(admin, '/admin/grant')
  await admin.locator('[data-testid=nav-admin-items]:visible').first().click()
  await admin.waitForURL((url) => url.pathname === '/admin/items')
  const section = admin.getByTestId('admin-perk-item')
  await expect(section).toContainText('Перк группы в продажу')
  await section.getByTestId('perk-kind-ADMIN').click()
  await fill(admin, 'perk-price', 'пять')
  await admin.getByTestId('perk-submit').click()
  await expect(section.getByTestId('perk-field-price')).toContainText('Неверная цена.')
  await section.getByTestId('perk-kind-STICKERS').click()
  await fill(admin, 'perk-name', itemName)
  await fill(admin, 'perk-price', 5)
  await admin.getByTestId('perk-submit').click()
  await expectToast(admin, itemName, `putting ${itemName} on sale`)
  await expect(section.getByTestId('perk-created')).toContainText(itemName)
  await expect(admin.locator(`[data-testid=admin-items] [data-item-name="${itemName}"]`)).toBeVisible()
  await shot(admin, 'desktop-perks-admin')
})

test('a player buys a group perk and sees it with its expiry in the inventory', async () => {
  await signUp(desktop, player)
  const found = await api('query($u: String!) { userByUsername(username: $u) { id } }', { u: player })
  const granted = await api('mutation($u: ID!) { walletGrant(input: {userId: $u, amount: 10, reason: "perks"}) { errors { code } } }', { u: found.userByUsername.id })
  expect(granted.walletGrant.errors).toEqual([])
  await go(desktop, '/shop')
  await desktop.locator(`[data-item-name="${itemName}"]`).getByTestId('item-buy').click()
  await expectToast(desktop, itemName, `buying ${itemName}`)
  const run = await api('mutation { adminJobRun(input: {name: "perks_telegram"}) { report errors { code } } }')
  expect(run.adminJobRun.errors).toEqual([])
  await go(desktop, '/inventory')
  const perk = desktop.locator('[data-testid=perk][data-perk-kind=STICKERS]')
  await expect(perk).toBeVisible()
  await expect(perk).toContainText('Стикеры без лимита')
  await expect(perk.getByTestId('perk-expiry')).toHaveText(/^до /)
})

test('the perks fit a phone', async () => {
  await signIn(phone, player, PLAYER_PASSWORD)
  await go(phone, '/inventory')
  await expect(phone.locator('[data-testid=perk]').first()).toBeVisible()
  expect((await layoutReport(phone)).overflowPx).toBe(0)
})

test('the perk form fits a phone', async () => {
  await admin.setViewportSize({ width: 360, height: 740 })
  await go(admin, '/admin/items')
  const section = admin.getByTestId('admin-perk-item')
  await section.scrollIntoViewIfNeeded()
  await expect(section.getByTestId('perk-submit')).toBeVisible()
  await shot(admin, 'phone-perks-admin')
  const report = await layoutReport(admin)
  expect(report.overflowPx).toBe(0)
  expect(report.smallTargets).toEqual([])
})
