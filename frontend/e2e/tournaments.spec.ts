// Tournaments: the admin creates a cup with an entry fee; two players join from its page while the
// admin's open page counts them live (tournamentChanged); the admin starts it, both players report
// the same winner from the live bracket, and everyone's page shows it finished with the prizes.
import { expect, test, type BrowserContext, type Page } from '@playwright/test'
import { ADMIN_PASSWORD, adminGrant, contextsFor, expectLive, fill, go, layoutReport, russian, shot, signIn, signUp } from './support'

test.describe.configure({ mode: 'serial' })

const ru = russian() as { tournaments: Record<string, string> & { status: Record<string, string> } }
let contexts: BrowserContext[] = []
let first: Page
let second: Page
let admin: Page
let firstName = ''
let secondName = ''
let cup = ''
let cupPath = ''

test.beforeAll(async ({ browser }, info) => {
  const tag = Math.random().toString(36).slice(2, 7)
  firstName = `t_one${tag}`
  secondName = `t_two${tag}`
  cup = `Cup ${tag}`
  ;({ contexts, pages: [first, second, admin] } = await contextsFor(browser, info, 3))
})

test.afterAll(async () => {
  for (const context of contexts) await context.close()
})

test('two players sign up and get coins; the admin creates a cup', async () => {
  await signUp(first, firstName)
  await signUp(second, secondName)
  await signIn(admin, 'admin', ADMIN_PASSWORD)
  await adminGrant(admin, firstName, 20, 'e2e tournaments')
  await adminGrant(admin, secondName, 20, 'e2e tournaments')
  await go(admin, '/tournaments')
  await expect(admin.getByTestId('tournament-form')).toBeVisible()
  await fill(admin, 'tournament-name', cup)
  await fill(admin, 'tournament-fee', 5)
  await fill(admin, 'tournament-max', 4)
  await admin.getByTestId('tournament-submit').click()
  await admin.waitForURL(/\/tournaments\/\d+$/)
  cupPath = new URL(admin.url()).pathname
  await expect(admin.getByTestId('tournament-status')).toHaveText(ru.tournaments.status.REGISTRATION)
})

test('the players join from the list; the admin sees them arrive live', async () => {
  await expectLive(admin, 'admin')
  for (const page of [first, second]) {
    await go(page, '/tournaments')
    await page.locator('[data-testid^=tournament-row-]', { hasText: cup }).first().click()
    await page.waitForURL(/\/tournaments\/\d+$/)
    expect(new URL(page.url()).pathname).toBe(cupPath)
    await page.getByTestId('tournament-join').click()
    await expect(page.getByTestId('tournament-leave')).toBeVisible()
  }
  await expect(admin.getByTestId('tournament-players')).toContainText('2')
  await expect(admin.getByTestId('tournament-pool')).toContainText('10')
})

test('the admin starts it; both players report the same winner from the live bracket', async () => {
  await expectLive(first, 'first')
  await expectLive(second, 'second')
  await admin.getByTestId('tournament-start').click()
  await expect(first.getByTestId('tournament-status')).toHaveText(ru.tournaments.status.RUNNING)
  await expect(first.getByTestId('tournament-bracket')).toBeVisible()
  await first.locator('[data-testid^=report-]', { hasText: ru.tournaments.iWon }).click()
  await expect(first.getByTestId('match-reported')).toBeVisible()
  const agree = ru.tournaments.theyWon.replace('{name}', firstName)
  await second.locator('[data-testid^=report-]', { hasText: agree }).click()
  for (const page of [first, second, admin]) {
    await expect(page.getByTestId('tournament-status')).toHaveText(ru.tournaments.status.FINISHED)
  }
  await expect(first.getByTestId('tournament-standings')).toContainText(firstName)
  await expect(first.getByTestId('tournament-standings')).toContainText(secondName)
  await shot(first, 'desktop-tournament')
})

test('on a phone the tournament pages fit the screen, the bracket scrolling sideways inside its box', async () => {
  await first.setViewportSize({ width: 360, height: 740 })
  for (const [path, ready] of [['/tournaments', 'tournaments-page'], [cupPath, 'tournament-bracket']] as const) {
    await go(first, path)
    await expect(first.getByTestId(ready)).toBeVisible()
    await expect.poll(() => layoutReport(first), { message: `${path}: no horizontal overflow and no touch target under 44 px` })
      .toEqual({ overflowPx: 0, smallTargets: [] })
  }
  await shot(first, 'phone-tournament')
})
