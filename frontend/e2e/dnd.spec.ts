// D&D workshop: a player rolls dice (a bad notation is explained under the field), creates a
// character with rolled stats; a DM creates a campaign, opens a session in it and adds an NPC; the
// player joins; the DM's damage, the player's roll at the table and the DM's encounter turns reach
// the other's open page live; the phone layout fits.
import { expect, test, type BrowserContext, type Page } from '@playwright/test'
import { fill, formErrors, go, layoutReport, russian, shot, signUp, contextsFor } from './support'

test.describe.configure({ mode: 'serial' })

const ru = russian() as { errors: { DndErrorCode: Record<string, string> } }
let contexts: BrowserContext[] = []
let player: Page
let dm: Page
let sessionUrl = ''

test.beforeAll(async ({ browser }, info) => {
  ;({ contexts, pages: [player, dm] } = await contextsFor(browser, info, 2))
  const tag = Math.random().toString(36).slice(2, 7)
  await signUp(player, `d_pl${tag}`)
  await signUp(dm, `d_dm${tag}`)
})

test.afterAll(async () => {
  for (const context of contexts) await context.close()
})

test('a roll shows every die and lands in the history; a bad notation is explained', async () => {
  await go(player, '/dnd')
  await expect(player.getByTestId('rolls-empty')).toBeVisible()
  await fill(player, 'roll-notation', '4d6kh3')
  await fill(player, 'roll-reason', 'сила')
  await player.getByTestId('roll-submit').click()
  const last = player.getByTestId('last-roll')
  await expect(last.getByTestId('die')).toHaveCount(4)
  await expect(last.locator('[data-testid=die][data-kept=false]')).toHaveCount(1)
  const dice = (await last.locator('[data-testid=die]').allInnerTexts()).map(Number)
  await expect(last.getByTestId('roll-total')).toHaveText(String(dice.reduce((a, b) => a + b, 0) - Math.min(...dice)))
  await expect(player.getByTestId('history-row').first()).toContainText('сила')

  await fill(player, 'roll-notation', '2d6++3')
  await player.getByTestId('roll-submit').click()
  const feedback = player.locator('[data-testid=field-notation] .n-form-item-feedback__line')
  await expect(feedback.filter({ hasText: ru.errors.DndErrorCode.INVALID_DICE }).first()).toBeVisible()
    .catch(async (error: Error) => { throw new Error(`${error.message}\nthe form shows: ${await formErrors(player)}`) })
  await expect(player.getByTestId('history-row')).toHaveCount(1)
  await shot(player, 'desktop-dnd-dice')
})

test('a character is created with six rolled stats', async () => {
  await go(player, '/dnd/characters')
  await fill(player, 'character-name', 'Миали')
  await fill(player, 'character-backstory', 'Эльфийка из Высокого леса.')
  await player.getByTestId('character-submit').click()
  const card = player.locator('[data-testid=character-card][data-name="Миали"]')
  await expect(card).toBeVisible()
  for (const stat of ['strength', 'dexterity', 'constitution', 'intelligence', 'wisdom', 'charisma']) {
    const score = Number((await card.getByTestId(`stat-${stat}`).locator('.score').innerText()).trim())
    expect(score, stat).toBeGreaterThanOrEqual(3)
    expect(score, stat).toBeLessThanOrEqual(18)
  }
  await shot(player, 'desktop-dnd-characters')
})

test('the DM creates a campaign and opens a session in it, then adds an NPC', async () => {
  await go(dm, '/dnd/sessions')
  await fill(dm, 'campaign-name', 'Проклятие Страда')
  await dm.getByTestId('campaign-submit').click()
  await expect(dm.locator('[data-testid=campaign-row][data-name="Проклятие Страда"]')).toBeVisible()
  await fill(dm, 'session-name', 'Гробница ужасов')
  await dm.getByTestId('session-campaign').click()
  await dm.locator('.n-base-select-option', { hasText: 'Проклятие Страда' }).click()
  await dm.getByTestId('session-submit').click()
  await dm.waitForURL(/\/dnd\/sessions\/\d+$/)
  sessionUrl = new URL(dm.url()).pathname
  await expect(dm.getByTestId('session-view')).toContainText('Проклятие Страда')
  await expect(dm.getByTestId('dm-tools')).toBeVisible()
  await fill(dm, 'npc-name', 'Гоблин')
  await dm.getByTestId('npc-submit').click()
  await expect(dm.locator('[data-testid=participant][data-name="Гоблин"]')).toBeVisible()
})

test('the player joins; the DM sees it and deals damage, which the player sees live', async () => {
  await go(player, sessionUrl)
  await expect(player.getByTestId('live')).toBeVisible()
  await expect(dm.getByTestId('live')).toBeVisible()
  await player.getByTestId('join-character').click()
  await player.locator('.n-base-select-option', { hasText: 'Миали' }).click()
  await player.getByTestId('join-submit').click()
  const mine = player.locator('[data-testid=participant][data-name="Миали"]')
  await expect(mine).toBeVisible()
  const full = Number(await mine.getAttribute('data-hp'))

  const target = dm.locator('[data-testid=participant][data-name="Миали"]')
  await expect(target).toBeVisible()
  await target.locator('[data-testid=hp-amount] input').fill('2')
  await target.getByTestId('hp-damage').click()
  await expect(mine).toHaveAttribute('data-hp', String(Math.max(0, full - 2)))
  await expect(player.locator('[data-testid=log-entry][data-kind=DAMAGE]').first()).toContainText('Миали')
})

test('a roll at the table reaches the DM live', async () => {
  await player.locator('[data-testid=roll-form] [data-testid=roll-notation] input').fill('1d20+5')
  await player.locator('[data-testid=roll-form] [data-testid=roll-reason] input').fill('инициатива')
  await player.getByTestId('roll-submit').click()
  const entry = dm.locator('[data-testid=log-entry][data-kind=ROLL]').first()
  await expect(entry).toContainText('1d20+5')
  await expect(entry).toContainText('инициатива')
  await shot(dm, 'desktop-dnd-session')
})

test('the DM starts an encounter; the player sees the initiative order and the turn pass live', async () => {
  await fill(dm, 'encounter-name', 'Засада')
  await dm.getByTestId('encounter-start').click()
  await expect(dm.getByTestId('initiative-row')).toHaveCount(2)
  const rows = player.getByTestId('initiative-row')
  await expect(rows).toHaveCount(2)
  await expect(rows.nth(0)).toHaveAttribute('data-current', 'true')
  await dm.getByTestId('encounter-next').click()
  await expect(rows.nth(1)).toHaveAttribute('data-current', 'true')
  await expect(player.locator('[data-testid=log-entry][data-kind=TURN]').first()).toBeVisible()
  await shot(player, 'desktop-dnd-encounter')
})

test('on a phone the session page fits the screen', async () => {
  await player.setViewportSize({ width: 360, height: 740 })
  await go(player, sessionUrl)
  await expect(player.getByTestId('session-view')).toBeVisible()
  await expect.poll(async () => (await layoutReport(player)).overflowPx, { message: 'no horizontal overflow at 360 px' }).toBe(0)
  await shot(player, 'phone-dnd-session')
})
