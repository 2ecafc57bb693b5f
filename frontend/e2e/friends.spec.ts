// Friends: one player asks another, who accepts on the open friends page (a `friend.request`
// notification refreshes it); each then sees the other online (a live socket is open) with a green
// dot; a block ends the friendship and the blocked player's next request is refused.
import { expect, test, type BrowserContext, type Page } from '@playwright/test'
import { expectLive, expectToast, fill, formErrors, go, layoutReport, russian, shot, signUp, contextsFor } from './support'

test.describe.configure({ mode: 'serial' })

const ru = russian() as { errors: { FriendErrorCode: Record<string, string> } }
let contexts: BrowserContext[] = []
let asker: Page
let friend: Page
let from = ''
let to = ''

test.beforeAll(async ({ browser }, info) => {
  const tag = Math.random().toString(36).slice(2, 7)
  from = `f_from${tag}`
  to = `f_to${tag}`
  ;({ contexts, pages: [asker, friend] } = await contextsFor(browser, info, 2))
})

test.afterAll(async () => {
  for (const context of contexts) await context.close()
})

test('two players sign up; a request to yourself is refused next to the username', async () => {
  await signUp(asker, from)
  await signUp(friend, to)
  await go(asker, '/friends')
  await expect(asker.getByTestId('friend-form')).toBeVisible()
  await fill(asker, 'friend-username', from)
  await asker.getByTestId('friend-send').click()
  const feedback = asker.locator('[data-testid=field-username] .n-form-item-feedback__line')
  await expect(feedback.filter({ hasText: ru.errors.FriendErrorCode.SELF }).first()).toBeVisible()
    .catch(async (error: Error) => { throw new Error(`${error.message}\nthe form shows: ${await formErrors(asker)}`) })
})

test('the request arrives on the open friends page and is accepted; both are online', async () => {
  await go(friend, '/friends')
  await expectLive(friend, 'friend')
  await expect(friend.getByTestId('requests-empty')).toBeVisible()
  await expectLive(asker, 'asker')
  await fill(asker, 'friend-username', to)
  await asker.getByTestId('friend-send').click()
  await expectToast(asker, to, 'sending the request')
  await expect(asker.locator(`[data-testid=outgoing-row][data-username=${to}]`)).toBeVisible()

  const incoming = friend.locator(`[data-testid=incoming-row][data-username=${from}]`)
  await expect(incoming).toBeVisible()
  await incoming.getByTestId('request-accept').click()
  await expectToast(friend, from, 'accepting the request')
  await expect(friend.locator(`[data-testid=friend-row][data-username=${from}]`)).toHaveAttribute('data-online', 'yes')
  // the asker's page refreshes on the friend.accepted notification
  await expect(asker.locator(`[data-testid=friend-row][data-username=${to}]`)).toHaveAttribute('data-online', 'yes')
  await shot(friend, 'desktop-friends')
  await friend.setViewportSize({ width: 360, height: 740 })
  await expect.poll(() => layoutReport(friend), { message: '/friends: no horizontal overflow and no touch target under 44 px' })
    .toEqual({ overflowPx: 0, smallTargets: [] })
  await shot(friend, 'phone-friends')
  await friend.setViewportSize({ width: 1366, height: 900 })
})

test('blocking ends the friendship; the blocked player cannot ask again', async () => {
  const row = friend.locator(`[data-testid=friend-row][data-username=${from}]`)
  await row.getByTestId('friend-block').click()
  await friend.locator('.n-popconfirm .n-button--primary-type').click()
  await expectToast(friend, from, 'blocking')
  await expect(friend.locator(`[data-testid=blocked-row][data-username=${from}]`)).toBeVisible()
  await expect(friend.getByTestId('friends-empty')).toBeVisible()

  await go(asker, '/friends')
  await expect(asker.getByTestId('friends-empty')).toBeVisible()
  await fill(asker, 'friend-username', to)
  await asker.getByTestId('friend-send').click()
  const feedback = asker.locator('[data-testid=field-username] .n-form-item-feedback__line')
  await expect(feedback.filter({ hasText: ru.errors.FriendErrorCode.BLOCKED }).first()).toBeVisible()
})
