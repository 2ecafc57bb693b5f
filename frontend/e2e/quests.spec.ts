// Quests: a new player sees the starter quests in Russian (the chain's first one and the daily one
// to accept, the rest locked), accepts the daily quest, completes it by claiming the daily bonus
// (counted from the event, paid 10 COIN from the quests faucet), and finds it under Completed; the
// home page suggests a quest; the page fits a phone; an admin sees the graph of what unlocks what.
import { expect, test, type BrowserContext, type Page } from '@playwright/test'
import { ADMIN_PASSWORD, expectToast, go, layoutReport, russian, shot, signIn, signUp } from './support'

test.describe.configure({ mode: 'serial' })

type Texts = { transferKind: { quest_reward: string }; quests: { content: Record<string, { title: string }>; tabs: Record<string, string>; admin: { graph: string } } }
const ru = russian() as unknown as Texts
const title = (key: string) => ru.quests.content[key].title
let contexts: BrowserContext[] = []
let desktop: Page
let phone: Page
let admin: Page
let player = ''

test.beforeAll(async ({ browser }, info) => {
  const use = info.project.use
  player = `p_quest${Math.random().toString(36).slice(2, 7)}`
  const common = { locale: 'ru-RU', deviceScaleFactor: 1, serviceWorkers: 'block' as const }
  contexts = await Promise.all([
    browser.newContext({ ...common, viewport: use.viewport }),
    browser.newContext({ ...common, viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true }),
    browser.newContext({ ...common, viewport: use.viewport }),
  ])
  ;[desktop, phone, admin] = await Promise.all(contexts.map((c) => c.newPage()))
})

test.afterAll(async () => {
  for (const context of contexts) await context.close()
})

const card = (page: Page, key: string) => page.locator(`[data-testid=quest-card][data-quest-key="${key}"]`)

test('a new player is offered the first quest of the chain and the daily one; the rest is locked', async () => {
  await signUp(desktop, player)
  await expect(desktop.getByTestId('home-next-quest')).toBeVisible()
  await go(desktop, '/quests')
  const available = desktop.getByTestId('quests-available')
  await expect(card(desktop, 'first-steps').first()).toContainText(title('first-steps'))
  await expect(available.getByTestId('quest-card')).toHaveCount(2)
  await expect(card(desktop, 'daily-routine')).toHaveAttribute('data-status', 'AVAILABLE')
  await expect(desktop.getByTestId('quests-locked').getByTestId('quest-card')).toHaveCount(4)
  await expect(card(desktop, 'window-shopping')).toHaveAttribute('data-status', 'LOCKED')
})

test('the daily quest is accepted, completed by claiming the daily bonus, and paid', async () => {
  await card(desktop, 'daily-routine').getByTestId('quest-accept').click()
  await expectToast(desktop, title('daily-routine'), 'accepting the daily quest')
  await expect(desktop.getByTestId('quests-active').getByTestId('quest-card')).toHaveCount(1)
  // (the accepted card leaves the available list as the active one appears: look in the active list)
  const active = desktop.getByTestId('quests-active').locator('[data-testid=quest-card][data-quest-key="daily-routine"]')
  await expect(active).toHaveAttribute('data-status', 'ACTIVE')
  await expect(active.getByTestId('quest-objective-progress')).toHaveText('0 / 1')
  await shot(desktop, 'desktop-quests-active')
  await go(desktop, '/progress')
  await desktop.getByTestId('daily-claim').click()
  await expectToast(desktop, '10', 'claiming the daily bonus')
  // The quests consumer counts the claim within a few seconds (the outbox relay runs every 2 s)
  await expect.poll(async () => {
    await go(desktop, '/quests')
    await desktop.locator('.n-tabs-tab', { hasText: ru.quests.tabs.completed }).click()
    return desktop.getByTestId('quests-completed').getByTestId('quest-card').count()
  }, { message: 'the daily quest shows as completed', timeout: 30000 }).toBe(1)
  await expect(desktop.getByTestId('quests-completed')).toContainText(title('daily-routine'))
  await shot(desktop, 'desktop-quests-completed')
  // The reward is a transfer of its own in the history (other domains may reward the claim too)
  await go(desktop, '/')
  const reward = desktop.locator('li', { hasText: ru.transferKind.quest_reward })
  await expect(reward).toHaveCount(1)
  await expect(reward).toContainText('+10')
})

test('on a phone the quest log fits the screen', async () => {
  await signUp(phone, `${player}m`)
  await go(phone, '/quests')
  await expect(card(phone, 'first-steps')).toBeVisible()
  const report = await layoutReport(phone)
  expect(report.overflowPx, 'no horizontal overflow on a phone').toBe(0)
  await shot(phone, 'phone-quests')
})

test('an admin sees what unlocks what and opens a quest to edit', async () => {
  await signIn(admin, 'admin', ADMIN_PASSWORD)
  await go(admin, '/quests')
  await admin.getByTestId('quests-edit').click()
  await expect(admin.getByTestId('quest-graph')).toContainText(ru.quests.admin.graph)
  await expect(admin.getByTestId('quest-node')).toHaveCount(6)
  await admin.locator('[data-testid=quest-node][data-quest-key="first-steps"]').click()
  await expect(admin.getByTestId('quest-preview')).toContainText(title('window-shopping'))
  await shot(admin, 'desktop-admin-quests')
})
