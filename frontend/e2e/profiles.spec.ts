// Profiles and the feed: a player writes a bio on their profile page and another player sees it on
// /u/<name>; a gift unlocks an achievement, which the feed consumer turns into a feed item; the
// player reacts to it; the pages fit a phone without overflow.
import { expect, test, type BrowserContext, type Page } from '@playwright/test'
import { ADMIN_PASSWORD, adminGrant, contextsFor, expectToast, fill, go, layoutReport, russian, shot, signIn, signUp } from './support'

test.describe.configure({ mode: 'serial' })

const ru = russian() as { profiles: { saved: string }; feed: { empty: string } }
let contexts: BrowserContext[] = []
let player: Page
let reader: Page
let admin: Page
let name = ''
let other = ''

test.beforeAll(async ({ browser }, info) => {
  const tag = Math.random().toString(36).slice(2, 7)
  name = `p_me${tag}`
  other = `p_rd${tag}`
  ;({ contexts, pages: [player, reader, admin] } = await contextsFor(browser, info, 3))
})

test.afterAll(async () => {
  for (const context of contexts) await context.close()
})

test('a player edits their bio and another player sees it on the profile', async () => {
  await signUp(player, name)
  await signUp(reader, other)
  await go(player, '/profile')
  await expect(player.getByTestId('profile-form')).toBeVisible()
  await fill(player, 'profile-bio-input', 'Играю в шахматы по вечерам')
  await player.getByTestId('profile-save').click()
  await expectToast(player, ru.profiles.saved, 'saving the profile')

  await go(reader, `/u/${name}`)
  await expect(reader.getByTestId('profile-username')).toHaveText(name)
  await expect(reader.getByTestId('profile-bio')).toHaveText('Играю в шахматы по вечерам')
  await shot(reader, 'desktop-profile')
  await reader.setViewportSize({ width: 360, height: 740 })
  await expect.poll(async () => (await layoutReport(reader)).overflowPx, { message: '/u/<name>: no horizontal overflow at 360 px' }).toBe(0)
  await shot(reader, 'phone-profile')
  await reader.setViewportSize({ width: 1366, height: 900 })
})

test('a gift unlocks an achievement that shows in the feed, and the player reacts to it', async () => {
  await signIn(admin, 'admin', ADMIN_PASSWORD)
  await adminGrant(admin, name, 100, 'e2e profiles')
  await go(player, '/gifts')
  await fill(player, 'gift-username', other)
  await fill(player, 'gift-amount', 5)
  await player.getByTestId('gift-submit').click()
  await expectToast(player, other, 'sending the gift')

  await go(player, '/feed')
  const item = player.locator('[data-testid=feed-item][data-kind=ACHIEVEMENT]').first()
  // the consumers run every few seconds: the item arrives live on the open page (or on a reload)
  await expect(async () => {
    if (!(await item.isVisible())) await go(player, '/feed')
    await expect(item).toBeVisible({ timeout: 5000 })
  }).toPass({ timeout: 60_000 })
  await expect(item.getByTestId('feed-text')).toContainText(name)
  const fire = item.locator('[data-testid=feed-react][data-emoji="🔥"]')
  await fire.click()
  await expect(fire).toHaveAttribute('aria-pressed', 'true')
  await expect(fire).toContainText('1')
  await shot(player, 'desktop-feed')
  await player.setViewportSize({ width: 360, height: 740 })
  await expect.poll(async () => (await layoutReport(player)).overflowPx, { message: '/feed: no horizontal overflow at 360 px' }).toBe(0)
  await shot(player, 'phone-feed')
})
