// The Geometry Dash levels board: the admin puts two levels on the board and moves the second to the
// top; a player submits a completion with a video link; the admin (a moderator too) approves it from
// the queue; the player sees it approved and leads the board's leaderboard. Phone layout checked.
import { expect, test, type BrowserContext, type Page } from '@playwright/test'
import { ADMIN_PASSWORD, contextsFor, fill, go, layoutReport, russian, shot, signIn, signUp } from './support'

test.describe.configure({ mode: 'serial' })

const ru = russian() as { gdboard: Record<string, string> & { status: Record<string, string> } }
let contexts: BrowserContext[] = []
let player: Page
let admin: Page
let playerName = ''
let top = ''
let second = ''

test.beforeAll(async ({ browser }, info) => {
  const tag = Math.random().toString(36).slice(2, 7)
  playerName = `gd_${tag}`
  top = `Tidal ${tag}`
  second = `Acheron ${tag}`
  ;({ contexts, pages: [player, admin] } = await contextsFor(browser, info, 2))
})

test.afterAll(async () => {
  for (const context of contexts) await context.close()
})

async function addLevel(name: string, gdId: number) {
  await fill(admin, 'gd-add-name', name)
  await fill(admin, 'gd-add-creator', 'Zoink')
  await fill(admin, 'gd-add-id', gdId)
  await admin.getByTestId('gd-add-submit').click()
  await expect(admin.getByTestId('gd-levels')).toContainText(name)
}

test('the admin adds two levels and moves one up; the others shift', async () => {
  await signUp(player, playerName)
  await signIn(admin, 'admin', ADMIN_PASSWORD)
  await go(admin, '/gdboard')
  await expect(admin.getByTestId('gd-add')).toBeVisible()
  const base = Math.floor(Math.random() * 1e8) + 1000
  await addLevel(second, base)
  await addLevel(top, base + 1)
  const row = admin.locator('[data-testid^=gd-level-]', { hasText: top })
  const before = Number((await row.getAttribute('data-testid'))!.replace('gd-level-', ''))
  await row.getByTestId('gd-up').click()
  await expect(admin.getByTestId(`gd-level-${before - 1}`)).toContainText(top)
  await expect(admin.getByTestId(`gd-level-${before}`)).toContainText(second)
})

test('a player submits a completion with a video link', async () => {
  await go(player, '/gdboard')
  await expect(player.getByTestId('gd-levels')).toContainText(top)
  await expect(player.getByTestId('gd-add')).toHaveCount(0)
  await player.getByTestId('gd-submit-level').click()
  await player.locator('.n-base-select-option', { hasText: top }).first().click()
  await fill(player, 'gd-submit-url', 'http://youtube.com/watch?v=nope')
  await player.getByTestId('gd-submit').click()
  await expect(player.getByTestId('gd-submit-card')).toContainText('https')
  await fill(player, 'gd-submit-url', 'https://www.youtube.com/watch?v=gd123')
  await player.getByTestId('gd-submit').click()
  await expect(player.getByTestId('gd-mine')).toContainText(ru.gdboard.status.PENDING)
})

test('the admin approves it from the queue; the player sees it approved and on the leaderboard', async () => {
  await go(admin, '/gdboard')
  const pending = admin.locator('[data-testid^=gd-pending-]', { hasText: playerName })
  await expect(pending).toBeVisible()
  await pending.getByTestId('gd-approve').click()
  await expect(admin.locator('[data-testid^=gd-pending-]', { hasText: playerName })).toHaveCount(0)
  await go(player, '/gdboard')
  await expect(player.getByTestId('gd-mine')).toContainText(ru.gdboard.status.APPROVED)
  await expect(player.getByTestId('gd-leaderboard')).toContainText(playerName)
  await expect(player.getByTestId('gd-my-standing')).toBeVisible()
  await shot(player, 'desktop-gdboard')
})

test('on a phone the board fits the screen with touch-sized targets', async () => {
  await player.setViewportSize({ width: 360, height: 740 })
  await go(player, '/gdboard')
  await expect(player.getByTestId('gd-levels')).toContainText(top)
  await expect.poll(() => layoutReport(player), { message: 'no horizontal overflow and no touch target under 44 px' })
    .toEqual({ overflowPx: 0, smallTargets: [] })
  await shot(player, 'phone-gdboard')
})
