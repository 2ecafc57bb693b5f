// Group perks: an admin puts "stickers without limit" on sale (through the API); a player buys it
// in the shop, and once the perks consumer has run the inventory shows the perk with its expiry,
// in Russian, on a desktop and on a phone.
import { expect, test, type BrowserContext, type Page } from '@playwright/test'
import { ADMIN_PASSWORD, PLAYER_PASSWORD, base, expectToast, go, layoutReport, signIn, signUp } from './support'

test.describe.configure({ mode: 'serial' })

let contexts: BrowserContext[] = []
let desktop: Page
let phone: Page
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
  ])
  ;[desktop, phone] = await Promise.all(contexts.map((c) => c.newPage()))
  const login = await api('mutation($i: AuthLoginInput!) { authLogin(input: $i) { accessToken } }', { i: { username: 'admin', password: ADMIN_PASSWORD } }, '')
  adminToken = login.authLogin.accessToken
})

test.afterAll(async () => {
  for (const context of contexts) await context.close()
})

test('a player buys a group perk and sees it with its expiry in the inventory', async () => {
  const made = await api(
    'mutation($n: String!) { perkItemCreate(input: {kind: STICKERS, price: 5, name: $n}) { item { id } errors { code } } }',
    { n: itemName },
  )
  expect(made.perkItemCreate.errors).toEqual([])
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
