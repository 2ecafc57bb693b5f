// Seasonal events: an admin schedules an event that has started and stocks its shop (through the
// API), the start job opens it; a player sees it on the home page and on the events page (time
// left, progress, the shop), buys a limited edition with the event currency and finds it under
// their limited editions and in the inventory; the page fits a phone too.
import { expect, test, type BrowserContext, type Page } from '@playwright/test'
import { ADMIN_PASSWORD, base, expectToast, go, layoutReport, russian, shot, signUp } from './support'

test.describe.configure({ mode: 'serial' })

const ru = russian() as { seasonal: { limited: string } }
let contexts: BrowserContext[] = []
let desktop: Page
let phone: Page
let player = ''
let adminToken = ''
const suffix = Math.random().toString(36).slice(2, 7)
const currency = `EV${suffix.toUpperCase()}`
const eventName = `Frost ${suffix}`
const itemName = `Ice Crown ${suffix}`

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
  player = `p_ev${suffix}`
  const common = { locale: 'ru-RU', deviceScaleFactor: 1, serviceWorkers: 'block' as const }
  contexts = await Promise.all([
    browser.newContext({ ...common, viewport: use.viewport }),
    browser.newContext({ ...common, viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true }),
  ])
  ;[desktop, phone] = await Promise.all(contexts.map((c) => c.newPage()))
  const login = await api('mutation($i: AuthLoginInput!) { authLogin(input: $i) { accessToken } }', { i: { username: 'admin', password: ADMIN_PASSWORD } }, '')
  adminToken = login.authLogin.accessToken
})

test.afterAll(async () => {
  for (const context of contexts) await context.close()
})

test('an admin opens an event with a limited edition in its shop', async () => {
  const now = Date.now()
  const made = await api(
    `mutation($i: SeasonalEventCreateInput!) { seasonalEventCreate(input: $i) { event { id } errors { code message } } }`,
    { i: { name: eventName, currencyCode: currency, currencyName: 'Frost', startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 2 * 86_400_000).toISOString() } },
  )
  expect(made.seasonalEventCreate.errors).toEqual([])
  const eventId = made.seasonalEventCreate.event.id
  const stocked = await api(
    `mutation($i: SeasonalShopItemCreateInput!) { seasonalShopItemCreate(input: $i) { shopItem { price } errors { code } } }`,
    { i: { eventId, name: itemName, price: 7, perUserLimit: 2 } },
  )
  expect(stocked.seasonalShopItemCreate.errors).toEqual([])
  const run = await api(`mutation { adminJobRun(input: {name: "event_start"}) { report errors { code } } }`)
  expect(run.adminJobRun.errors).toEqual([])
})

test('a player sees the event, buys a limited edition with the event currency and keeps it', async () => {
  await signUp(desktop, player)
  await expect(desktop.getByTestId('home-next-seasonal').first()).toBeVisible()
  const found = await api('query($u: String!) { userByUsername(username: $u) { id } }', { u: player })
  const granted = await api(
    'mutation($u: ID!, $c: String!) { adminGrant(input: {userId: $u, amount: 20, currency: $c, reason: "event"}) { errors { code } } }',
    { u: found.userByUsername.id, c: currency },
  )
  expect(granted.adminGrant.errors).toEqual([])
  await go(desktop, '/events')
  const mine = desktop.locator(`[data-testid=seasonal-current]`)
  await expect(mine).toBeVisible()
  const item = desktop.locator(`[data-item-name="${itemName}"]`)
  // A fresh server runs this one event, so it is the one shown
  await expect(desktop.getByTestId('seasonal-name')).toHaveText(eventName)
  await expect(item).toContainText(ru.seasonal.limited)
  await item.getByTestId('seasonal-buy').click()
  await expectToast(desktop, itemName, 'buying a limited edition')
  await expect(desktop.getByTestId('seasonal-balance')).toContainText('13')
  await expect(desktop.getByTestId('seasonal-spent')).toContainText('7')
  await expect(desktop.getByTestId('seasonal-editions')).toContainText(itemName)
  await go(desktop, '/inventory')
  await expect(desktop.locator(`[data-item-name="${itemName}"]`)).toContainText('Limited edition')
  await go(desktop, '/events')
  await shot(desktop, 'desktop-seasonal')
})

test('on a phone the events page fits the screen', async () => {
  await signUp(phone, `${player}m`)
  await go(phone, '/events')
  await expect(phone.getByTestId('seasonal-current')).toBeVisible()
  const report = await layoutReport(phone)
  expect(report.overflowPx, 'no horizontal overflow on a phone').toBe(0)
  await shot(phone, 'phone-seasonal')
})
