// Chat: two players in two browsers; what one sends in the global channel appears live on the
// other's open page (no reload), a swear word arrives masked, the 11th message in a minute is
// refused with its message under the send box, a reported message deleted from the moderators'
// queue and one deleted directly disappear live from the other players' open pages, a moderator's
// mute replaces the player's input box with its end (live, and back on unmute), and the page fits a
// 360 px phone.
import { expect, test, type BrowserContext, type Page } from '@playwright/test'
import { ADMIN_PASSWORD, expectLive, expectToast, go, layoutReport, russian, shot, signIn, signUp, contextsFor } from './support'

test.describe.configure({ mode: 'serial' })

const ru = russian() as { errors: { ChatErrorCode: Record<string, string> }; chat: { reported: string; deleted: string; mod: { done: Record<string, string> } } }
let contexts: BrowserContext[] = []
let alice: Page
let bob: Page
let admin: Page
let tag = ''

async function say(page: Page, text: string) {
  await page.getByTestId('chat-input').locator('input').fill(text)
  await page.getByTestId('chat-send').click()
}

test.beforeAll(async ({ browser }, info) => {
  tag = Math.random().toString(36).slice(2, 7)
  ;({ contexts, pages: [alice, bob, admin] } = await contextsFor(browser, info, 3))
})

test.afterAll(async () => {
  for (const context of contexts) await context.close()
})

test('a message sent in global by one player appears live for another', async () => {
  await signUp(alice, `c_alice${tag}`)
  await signUp(bob, `c_bob${tag}`)
  await go(bob, '/chat')
  await go(alice, '/chat')
  await expectLive(bob, 'bob')
  await expectLive(alice, 'alice')
  await expect(bob.locator('[data-testid=chat-tab][data-channel=global]')).toHaveAttribute('aria-selected', 'true')
  const hello = `hello from alice ${tag}`
  await say(alice, hello)
  await expect(alice.getByTestId('chat-input').locator('input')).toHaveValue('')
  // bob's page was not reloaded: the message came through the chatMessage subscription
  const seen = bob.locator('[data-testid=chat-message]').filter({ hasText: hello })
  await expect(seen, 'bob sees alice’s message live').toBeVisible()
  await expect(seen.getByTestId('chat-author')).toHaveText(`c_alice${tag}`)
  await shot(bob, 'desktop-chat')
})

test('a swear word arrives masked for both players', async () => {
  await say(alice, `ну ты сука ${tag}`)
  await expect(bob.getByTestId('chat-text').filter({ hasText: `ну ты **** ${tag}` })).toBeVisible()
  await expect(alice.getByTestId('chat-text').filter({ hasText: `ну ты **** ${tag}` })).toBeVisible()
  await expect(bob.getByTestId('chat-text').filter({ hasText: 'сука' })).toHaveCount(0)
})

test('the eleventh message in a minute is refused with the chat rule shown', async () => {
  for (let n = 3; n <= 10; n++) {
    await say(alice, `message ${n} ${tag}`)
    await expect(alice.getByTestId('chat-text').filter({ hasText: `message ${n} ${tag}` })).toBeVisible()
  }
  await say(alice, `one too many ${tag}`)
  await expect(alice.getByTestId('chat-error')).toHaveText(ru.errors.ChatErrorCode.CHAT_RATE_LIMITED)
  await expect(bob.getByTestId('chat-text').filter({ hasText: `message 10 ${tag}` })).toBeVisible()
  await expect(bob.getByTestId('chat-text').filter({ hasText: `one too many ${tag}` })).toHaveCount(0)
})

test('a reported message waits in the moderators’ queue; deleted there, it disappears live for the players', async () => {
  const masked = bob.locator('[data-testid=chat-message]').filter({ hasText: `ну ты **** ${tag}` })
  await masked.getByTestId('chat-report').click()
  await bob.getByTestId('chat-report-reason').locator('input').fill('insult')
  await bob.getByTestId('chat-report-send').click()
  await expectToast(bob, ru.chat.reported, 'reporting the message')
  await signIn(admin, 'admin', ADMIN_PASSWORD)
  await go(admin, '/chat')
  const item = admin.getByTestId('chat-queue-item').filter({ hasText: `ну ты **** ${tag}` })
  await expect(item).toBeVisible()
  await item.getByTestId('chat-resolve-delete').click()
  await expectToast(admin, ru.chat.mod.done.DELETE, 'deleting the reported message')
  await expect(admin.getByTestId('chat-queue-item').filter({ hasText: `ну ты **** ${tag}` })).toHaveCount(0)
  // bob's and alice's pages were not reloaded: the deletion came through the chatMessage subscription
  await expect(bob.getByTestId('chat-text').filter({ hasText: `ну ты **** ${tag}` }), 'bob sees the message disappear live').toHaveCount(0)
  await expect(alice.getByTestId('chat-text').filter({ hasText: `ну ты **** ${tag}` })).toHaveCount(0)
  await expect(bob.getByTestId('chat-text').filter({ hasText: `message 10 ${tag}` })).toBeVisible()
})

test('a message a moderator deletes directly disappears live from the other player’s page', async () => {
  const target = admin.locator('[data-testid=chat-message]').filter({ hasText: `message 9 ${tag}` })
  await expect(bob.getByTestId('chat-text').filter({ hasText: `message 9 ${tag}` })).toBeVisible()
  await target.getByTestId('chat-delete').click()
  await expectToast(admin, ru.chat.deleted, 'deleting a message directly')
  await expect(bob.getByTestId('chat-text').filter({ hasText: `message 9 ${tag}` }), 'bob sees the message disappear live').toHaveCount(0)
  await expect(bob.getByTestId('chat-text').filter({ hasText: `message 10 ${tag}` })).toBeVisible()
  await expect(bob.getByTestId('chat-delete')).toHaveCount(0)
})

test('a moderator’s mute replaces the player’s input box with its end, live, until the unmute', async () => {
  await admin.getByTestId('chat-mute-user').locator('input').fill(`c_bob${tag}`)
  await admin.getByTestId('chat-mute').click()
  await expect(bob.getByTestId('chat-muted'), 'bob sees his mute without a reload').toBeVisible()
  await expect(bob.getByTestId('chat-send-form')).toHaveCount(0)
  await admin.getByTestId('chat-unmute').click()
  await expect(bob.getByTestId('chat-send-form'), 'the input box is back after the unmute').toBeVisible()
  await expect(bob.getByTestId('chat-muted')).toHaveCount(0)
})

test('the chat fits a 360 px phone', async () => {
  await bob.setViewportSize({ width: 360, height: 740 })
  await expect.poll(() => layoutReport(bob), { message: '/chat: no horizontal overflow and no touch target under 44 px' })
    .toEqual({ overflowPx: 0, smallTargets: [] })
  await shot(bob, 'phone-chat')
  await admin.setViewportSize({ width: 360, height: 740 })
  await expect.poll(() => layoutReport(admin), { message: '/chat with the moderation view: no overflow, no small targets' })
    .toEqual({ overflowPx: 0, smallTargets: [] })
  await shot(admin, 'phone-chat-moderation')
})
