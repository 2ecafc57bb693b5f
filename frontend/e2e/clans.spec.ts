// Clans: a player founds a clan and lands on its page; a second player finds it by name and joins;
// the newcomer contributes to the treasury (with an idempotency key) and both see it; the founder
// is told of the join; the clan board shows the clan's rank change, the previous period on demand, and
// takes a new contribution's XP live; the page fits a 360 px phone.
import { expect, test, type BrowserContext, type Page } from '@playwright/test'
import { ADMIN_PASSWORD, adminGrant, base, contextsFor, expectLive, expectToast, fill, go, layoutReport, russian, shot, signIn, signUp } from './support'

test.describe.configure({ mode: 'serial' })

const ru = russian() as { clans: { role: Record<string, string> }; errors: { ClanErrorCode: Record<string, string> } }
let contexts: BrowserContext[] = []
let founder: Page
let joiner: Page
let admin: Page
let lead = ''
let member = ''
let clanName = ''

test.beforeAll(async ({ browser }, info) => {
  const tag = Math.random().toString(36).slice(2, 7)
  lead = `c_lead${tag}`
  member = `c_mem${tag}`
  clanName = `Owls ${tag}`
  ;({ contexts, pages: [founder, joiner, admin] } = await contextsFor(browser, info, 3))
})

// One admin call through the API (running a job now), signed in as the seeded admin.
async function adminApi(query: string): Promise<Record<string, any>> {
  const call = async (q: string, variables: Record<string, unknown>, token: string) => {
    const response = await fetch(`${base()}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query: q, variables }),
    })
    const body = (await response.json()) as { data?: Record<string, any>; errors?: unknown }
    if (body.errors || !body.data) throw new Error(`GraphQL failed: ${JSON.stringify(body)}`)
    return body.data
  }
  const login = await call('mutation($i: AuthLoginInput!) { authLogin(input: $i) { accessToken } }', { i: { username: 'admin', password: ADMIN_PASSWORD } }, '')
  return call(query, {}, login.authLogin.accessToken as string)
}

async function countClanXp() {
  const run = await adminApi('mutation { adminJobRun(input: {name: "clan_leadership"}) { errors { code } } }')
  expect(run.adminJobRun.errors).toEqual([])
}

test.afterAll(async () => {
  for (const context of contexts) await context.close()
})

test('two players sign up and the admin funds the newcomer', async () => {
  await signUp(founder, lead)
  await signUp(joiner, member)
  await signIn(admin, 'admin', ADMIN_PASSWORD)
  await adminGrant(admin, member, 100, 'e2e clans')
})

test('a player founds a clan and leads it', async () => {
  await go(founder, '/clans')
  await expect(founder.getByTestId('clan-create-form')).toBeVisible()
  await fill(founder, 'clan-name', 'ab')
  await founder.getByTestId('clan-create').click()
  await expect(founder.locator('[data-testid=field-name] .n-form-item-feedback__line').filter({ hasText: ru.errors.ClanErrorCode.INVALID_NAME })).toBeVisible()
  await fill(founder, 'clan-name', clanName)
  await founder.getByTestId('clan-create').click()
  await expectToast(founder, clanName, 'founding the clan')
  await expect(founder.getByTestId('clan-header')).toContainText(clanName)
  await expect(founder.locator(`[data-testid=clan-member][data-username=${lead}]`)).toHaveAttribute('data-role', 'LEADER')
  await expect(founder.getByTestId('clan-chat')).toHaveAttribute('href', '/chat')
})

test('a second player finds the clan by name and joins it', async () => {
  await go(joiner, '/clans')
  await fill(joiner, 'clan-search', clanName)
  await joiner.getByTestId('clan-search-submit').click()
  const row = joiner.locator(`[data-testid=clan-row][data-name="${clanName}"]`)
  await expect(row).toBeVisible()
  await row.getByTestId('clan-join').click()
  await expectToast(joiner, clanName, 'joining the clan')
  await expect(joiner.getByTestId('clan-member-count')).toContainText('2')
  await expect(joiner.locator(`[data-testid=clan-member][data-username=${member}]`)).toHaveAttribute('data-role', 'MEMBER')
})

test('the newcomer contributes and both see the treasury', async () => {
  await fill(joiner, 'clan-contribute-amount', 30)
  await joiner.getByTestId('clan-contribute').click()
  await expectToast(joiner, '30', 'contributing to the treasury')
  await expect(joiner.getByTestId('clan-treasury-amount')).toHaveAttribute('data-amount', '30')
  await fill(joiner, 'clan-contribute-amount', 500)
  await joiner.getByTestId('clan-contribute').click()
  await expect(joiner.locator('[data-testid=field-contribute-amount] .n-form-item-feedback__line').filter({ hasText: ru.errors.ClanErrorCode.INSUFFICIENT_FUNDS })).toBeVisible()
  await expect(joiner.getByTestId('clan-treasury-amount')).toHaveAttribute('data-amount', '30')

  await founder.reload()
  await expect(founder.getByTestId('clan-treasury-amount')).toHaveAttribute('data-amount', '30')
  await expect(founder.locator(`[data-testid=clan-member][data-username=${member}]`)).toBeVisible()
  await expect(founder.getByTestId('clan-pay-form')).toBeVisible()
  await expect(founder.getByTestId('clan-board')).toBeVisible()
})

test("the clan board shows the clan's rank change and the previous period, and takes new XP live", async () => {
  await countClanXp()
  await founder.reload()
  await expectLive(founder, 'the founder')
  const row = founder.locator(`[data-testid=clan-board-row][data-name="${clanName}"]`)
  await expect(row).toBeVisible()
  await expect(row.getByTestId('clan-board-change')).toHaveAttribute('data-change', 'new')
  const before = Number(await row.getAttribute('data-score'))
  expect(before).toBeGreaterThan(0)
  await founder.getByTestId('clan-board-previous').click()
  await expect(founder.getByTestId('clan-board-key')).toBeVisible()
  await expect(founder.locator(`[data-testid=clan-board-row][data-name="${clanName}"]`)).toHaveCount(0)
  await founder.getByTestId('clan-board-previous').click()
  await expect(row).toBeVisible()
  // When the newcomer gives 10 more and the clan's XP is counted, the founder's board moves without a reload
  await fill(joiner, 'clan-contribute-amount', 10)
  await joiner.getByTestId('clan-contribute').click()
  await expect(joiner.getByTestId('clan-treasury-amount')).toHaveAttribute('data-amount', '40')
  await countClanXp()
  await expect(row).toHaveAttribute('data-score', String(before + 5))
  await shot(founder, 'desktop-clan')
  await founder.setViewportSize({ width: 360, height: 740 })
  await expect.poll(() => layoutReport(founder), { message: '/clans/:id: no horizontal overflow and no touch target under 44 px' })
    .toEqual({ overflowPx: 0, smallTargets: [] })
  await shot(founder, 'phone-clan')
  await go(founder, '/clans')
  await expect(founder.getByTestId('my-clan')).toContainText(clanName)
  await expect.poll(() => layoutReport(founder), { message: '/clans: no horizontal overflow and no touch target under 44 px' })
    .toEqual({ overflowPx: 0, smallTargets: [] })
  await founder.setViewportSize({ width: 1366, height: 900 })
})
