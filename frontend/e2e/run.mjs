// End-to-end test of the web app against a real LucasTeam server, in the system Chromium.
//
// Starts `lucas serve` on a free port with a throwaway data dir (the server serves frontend/dist),
// creates an admin with the CLI, then drives two browser contexts (player and admin) through:
// sign-up, a live balance change from an admin grant (no reload), item creation, a purchase that
// shows up in the inventory, and a purchase refused for lack of funds with the message by its field.
// The flow runs at desktop (1366×900) and phone (360×740) sizes; screenshots of the main pages go to
// $LUCAS_SCREENSHOTS_DIR (default ../artifacts/screenshots). Exits non-zero with a readable message.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, createWriteStream } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium } from 'playwright-core'

const here = resolve(new URL('..', import.meta.url).pathname)
const repo = resolve(here, '..')
const LUCAS = process.env.LUCAS_BIN ?? join(repo, '.venv/bin/lucas')
const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium'
const SHOTS = resolve(here, process.env.LUCAS_SCREENSHOTS_DIR ?? '../artifacts/screenshots')
const ADMIN_PASSWORD = 'password'
const PLAYER_PASSWORD = 'Quick-Brown-Fox-42'
const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS ?? 20000)
const ru = JSON.parse(readFileSync(join(here, 'src/i18n/ru.json'), 'utf8'))

const results = { passed: 0, failed: 0 }
const started = Date.now()
let server = null
let dataDir = null
let browser = null
/** Whether the server answers unknown paths with index.html (history-mode fallback). */
let deepLinks = true
const warnings = []

/**
 * Opens an app path. Uses a real page load when the server has its history-mode fallback;
 * otherwise loads / and lets the app's router navigate (so a missing fallback does not hide
 * everything else the test checks).
 */
async function go(page, base, path) {
  if (deepLinks || path === '/') {
    await page.goto(`${base}${path}`)
    return
  }
  if (!page.url().startsWith(base)) await page.goto(`${base}/`)
  await page.waitForFunction(() => !!document.querySelector('#app')?.__vue_app__, null, { timeout: TIMEOUT })
  await page.evaluate((to) => document.querySelector('#app').__vue_app__.config.globalProperties.$router.push(to), path)
  await page.waitForURL((url) => url.pathname === path.split('?')[0], { timeout: TIMEOUT })
}

function log(line) {
  process.stdout.write(line + '\n')
}

function fail(message) {
  const error = new Error(message)
  error.readable = true
  throw error
}

async function step(name, fn) {
  const t0 = Date.now()
  try {
    const value = await fn()
    results.passed++
    log(`  ✓ ${name} (${Date.now() - t0} ms)`)
    return value
  } catch (error) {
    results.failed++
    log(`  ✗ ${name} (${Date.now() - t0} ms)`)
    error.step = name
    throw error
  }
}

function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer()
    srv.unref()
    srv.on('error', rej)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => res(port))
    })
  })
}

async function waitForHttp(url, ms) {
  const until = Date.now() + ms
  let last = ''
  while (Date.now() < until) {
    if (server?.exitCode !== null && server?.exitCode !== undefined) fail(`lucas serve exited with code ${server.exitCode} before it answered`)
    try {
      const response = await fetch(url)
      if (response.ok) return
      last = `HTTP ${response.status}`
    } catch (error) {
      last = error.cause?.code ?? error.message
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  fail(`the server did not answer ${url} within ${ms / 1000} s (last: ${last})`)
}

async function graphql(base, query, variables, token) {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  })
  return response.json()
}

/** Text of a locator, trimmed, or '' when it is not there. */
async function textOf(locator) {
  return ((await locator.count()) ? (await locator.first().innerText()) : '').trim()
}

async function fill(page, testId, value) {
  const input = page.locator(`[data-testid="${testId}"] input, [data-testid="${testId}"] textarea`).first()
  await input.fill(String(value))
}

async function shot(page, name) {
  await page.waitForTimeout(150) // let transitions settle
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false })
}

async function expectToast(page, text, what) {
  try {
    await page.locator('.n-message', { hasText: text }).first().waitFor({ timeout: TIMEOUT })
  } catch {
    const errors = await page.locator('[data-testid=form-error], .n-form-item-feedback__line').allInnerTexts()
    fail(`${what}: no confirmation "${text}" appeared${errors.length ? `; the page shows: ${errors.join(' | ')}` : ''}`)
  }
}

async function signUp(page, base, username) {
  await go(page, base, '/signup')
  await fill(page, 'auth-username', username)
  await fill(page, 'auth-password', PLAYER_PASSWORD)
  await page.locator('[data-testid=auth-submit]').click()
  try {
    await page.waitForURL(`${base}/`, { timeout: TIMEOUT })
  } catch {
    const shown = await page.locator('.n-form-item-feedback__line, [data-testid=form-error]').allInnerTexts()
    fail(`sign-up of ${username} did not reach the home page; the form shows: ${shown.join(' | ') || '(nothing)'}`)
  }
}

async function signIn(page, base, username, password) {
  await go(page, base, '/signin')
  await fill(page, 'auth-username', username)
  await fill(page, 'auth-password', password)
  await page.locator('[data-testid=auth-submit]').click()
  try {
    await page.waitForURL(`${base}/`, { timeout: TIMEOUT })
  } catch {
    const shown = await page.locator('.n-form-item-feedback__line, [data-testid=form-error]').allInnerTexts()
    fail(`sign-in of ${username} failed; the form shows: ${shown.join(' | ') || '(nothing)'}`)
  }
}

async function waitLive(page, who) {
  try {
    await page.locator('[data-testid=live-indicator][data-live=connected]').waitFor({ timeout: TIMEOUT })
  } catch {
    const state = await page.locator('[data-testid=live-indicator]').getAttribute('data-live').catch(() => null)
    fail(`${who}: the subscription socket did not connect (state: ${state ?? 'no indicator'})`)
  }
}

async function balanceText(page, currency = 'COIN') {
  return textOf(page.locator(`[data-testid="balance-${currency}"] [data-testid=balance-amount]`))
}

async function flow(base, size) {
  const { name, viewport, mobile } = size
  const tag = Math.random().toString(36).slice(2, 7)
  const player = `p_${name.slice(0, 1)}${tag}`
  const contextOptions = {
    viewport,
    locale: 'ru-RU',
    isMobile: mobile,
    hasTouch: mobile,
    deviceScaleFactor: 1,
    serviceWorkers: 'block',
  }
  const playerContext = await browser.newContext(contextOptions)
  const adminContext = await browser.newContext(contextOptions)
  const p = await playerContext.newPage()
  const a = await adminContext.newPage()
  for (const [who, page] of [['player', p], ['admin', a]]) {
    page.on('pageerror', (error) => log(`    [${name} ${who} page error] ${error.message}`))
  }

  log(`\n${name} (${viewport.width}×${viewport.height})`)
  await step(`${name}: sign-in page renders`, async () => {
    await go(p, base, '/signin')
    await p.locator('[data-testid=signin-form]').waitFor({ timeout: TIMEOUT })
    await shot(p, `${name}-signin`)
  })
  await step(`${name}: a new player signs up`, async () => {
    await go(p, base, '/signup')
    await p.locator('[data-testid=signup-form]').waitFor({ timeout: TIMEOUT })
    await shot(p, `${name}-signup`)
    await signUp(p, base, player)
    await waitLive(p, 'player')
    await p.locator('[data-testid=home-title]').waitFor({ timeout: TIMEOUT })
    await shot(p, `${name}-home-empty`)
  })
  await step(`${name}: admin signs in`, async () => {
    await signIn(a, base, 'admin', ADMIN_PASSWORD)
  })

  const before = await balanceText(p)
  await step(`${name}: admin grant shows on the player's home page live, without reload`, async () => {
    await p.evaluate(() => { window.__e2eNoReload = true })
    await go(a, base, '/admin/grant')
    await fill(a, 'grant-username', player)
    await fill(a, 'grant-amount', 500)
    await fill(a, 'grant-reason', 'e2e welcome bonus')
    await shot(a, `${name}-admin-grant`)
    await a.locator('[data-testid=grant-submit]').click()
    await expectToast(a, player, 'admin grant')
    try {
      await p.waitForFunction(() => document.querySelector('[data-testid="balance-COIN"] [data-testid=balance-amount]')?.textContent?.replace(/\D/g, '') === '500', null, { timeout: TIMEOUT })
    } catch {
      fail(`the player's balance did not change live to 500 COIN (before: "${before || 'none'}", now: "${await balanceText(p) || 'none'}")`)
    }
    if (!(await p.evaluate(() => window.__e2eNoReload === true))) fail('the player page reloaded')
    await shot(p, `${name}-home`)
  })

  await step(`${name}: an unusable access token is refreshed silently with the refresh token`, async () => {
    await p.evaluate(() => {
      const saved = JSON.parse(localStorage.getItem('lucas.auth'))
      localStorage.setItem('lucas.auth', JSON.stringify({ ...saved, accessToken: 'not-a-valid-token' }))
    })
    await go(p, base, '/') // a full page load with the bad token
    await p.waitForFunction(() => document.querySelector('[data-testid="balance-COIN"] [data-testid=balance-amount]')?.textContent?.replace(/\D/g, '') === '500', null, { timeout: TIMEOUT })
      .catch(async () => fail(`after a bad access token the home page did not recover (url ${p.url()}, balance "${await balanceText(p)}", page: ${(await p.locator('body').innerText()).replace(/\s+/g, ' ').slice(0, 300)}, tokens: ${await p.evaluate(() => localStorage.getItem('lucas.auth'))})`))
    const token = await p.evaluate(() => JSON.parse(localStorage.getItem('lucas.auth') ?? '{}').accessToken)
    if (!token || token === 'not-a-valid-token') fail('the access token was not replaced by authRefresh')
    await waitLive(p, 'player after refresh')
  })

  const cheap = `Sword ${tag}`
  const dear = `Castle ${tag}`
  await step(`${name}: admin creates items`, async () => {
    await go(a, base, '/admin/items')
    for (const [itemName, price] of [[cheap, 200], [dear, 100000]]) {
      await fill(a, 'item-name', itemName)
      await fill(a, 'item-description', `Made by the e2e test (${name})`)
      await fill(a, 'item-price-input', price)
      await a.locator('[data-testid=item-submit]').first().click()
      await expectToast(a, itemName, `creating ${itemName}`)
    }
    await a.locator(`[data-testid=admin-items] [data-item-name="${dear}"]`).waitFor({ timeout: TIMEOUT })
    await shot(a, `${name}-admin-items`)
  })

  await step(`${name}: the player buys an item and sees it in the inventory`, async () => {
    await go(p, base, '/shop')
    const card = p.locator(`[data-item-name="${cheap}"]`)
    await card.waitFor({ timeout: TIMEOUT })
    await card.locator('[data-testid=item-buy]').click()
    await expectToast(p, cheap, `buying ${cheap}`)
    await shot(p, `${name}-shop`)
    await go(p, base, '/inventory')
    const entry = p.locator(`[data-testid=inventory-entry][data-item-name="${cheap}"]`)
    try {
      await entry.waitFor({ timeout: TIMEOUT })
    } catch {
      fail(`${cheap} is not in the inventory after buying it`)
    }
    await shot(p, `${name}-inventory`)
  })

  await step(`${name}: a purchase without enough money shows the reason next to the field`, async () => {
    await go(p, base, '/shop')
    const card = p.locator(`[data-item-name="${dear}"]`)
    await card.waitFor({ timeout: TIMEOUT })
    await card.locator('[data-testid=item-buy]').click()
    const expected = ru.errors.ShopErrorCode.INSUFFICIENT_FUNDS
    const feedback = card.locator('[data-testid=field-quantity] .n-form-item-feedback__line')
    try {
      await feedback.filter({ hasText: expected }).first().waitFor({ timeout: TIMEOUT })
    } catch {
      fail(`expected "${expected}" under the quantity field of ${dear}; it shows "${await textOf(feedback) || 'nothing'}"`)
    }
    await card.scrollIntoViewIfNeeded()
    await shot(p, `${name}-shop-insufficient-funds`)
  })

  await step(`${name}: the balance after the purchase is 300 and history lists both transfers`, async () => {
    await go(p, base, '/')
    await p.waitForFunction(() => document.querySelector('[data-testid="balance-COIN"] [data-testid=balance-amount]')?.textContent?.replace(/\D/g, '') === '300', null, { timeout: TIMEOUT })
      .catch(async () => fail(`balance after buying a 200 COIN item is "${await balanceText(p)}", expected 300`))
    await go(p, base, '/history')
    await p.locator('[data-testid=transfer-row]').nth(1).waitFor({ timeout: TIMEOUT })
      .catch(async () => fail(`history shows ${await p.locator('[data-testid=transfer-row]').count()} transfers, expected 2`))
    await shot(p, `${name}-history`)
  })

  await step(`${name}: the grant's notification is listed and can be marked read`, async () => {
    await go(p, base, '/notifications')
    const row = p.locator('[data-testid=notification-row]').first()
    await row.waitFor({ timeout: TIMEOUT }).catch(() => fail('no notification listed after the grant'))
    await shot(p, `${name}-notifications`)
    const unreadBefore = await p.locator('[data-testid=notification-mark-read]').count()
    if (unreadBefore === 0) fail('the grant notification is not shown as unread')
    await p.locator('[data-testid=notification-mark-read]').first().click()
    await p.waitForFunction((n) => document.querySelectorAll('[data-testid=notification-mark-read]').length === n - 1, unreadBefore, { timeout: TIMEOUT })
      .catch(() => fail('marking a notification read did not update the list'))
  })

  await step(`${name}: paying yourself is refused next to the recipient; paying the admin works`, async () => {
    await go(p, base, '/pay')
    await p.locator('[data-testid=pay-form]').waitFor({ timeout: TIMEOUT })
    await shot(p, `${name}-pay`)
    await fill(p, 'pay-username', player)
    await fill(p, 'pay-amount', 10)
    await p.locator('[data-testid=pay-submit]').click()
    const expected = ru.errors.WalletErrorCode.SELF_TRANSFER
    const feedback = p.locator('[data-testid=field-username] .n-form-item-feedback__line')
    await feedback.filter({ hasText: expected }).first().waitFor({ timeout: TIMEOUT })
      .catch(async () => fail(`expected "${expected}" under the recipient field; it shows "${await textOf(feedback) || 'nothing'}"`))
    await fill(p, 'pay-username', 'admin')
    await fill(p, 'pay-amount', 10)
    await fill(p, 'pay-memo', 'thanks')
    await p.locator('[data-testid=pay-submit]').click()
    await expectToast(p, 'admin', 'paying the admin')
    await go(p, base, '/')
    await p.waitForFunction(() => document.querySelector('[data-testid="balance-COIN"] [data-testid=balance-amount]')?.textContent?.replace(/\D/g, '') === '290', null, { timeout: TIMEOUT })
      .catch(async () => fail(`balance after paying 10 is "${await balanceText(p)}", expected 290`))
  })

  await step(`${name}: admin pages render`, async () => {
    await go(a, base, '/admin/supply')
    await a.locator('[data-testid=supply-table]').waitFor({ timeout: TIMEOUT })
    await shot(a, `${name}-admin-supply`)
    await go(a, base, '/admin/audit')
    await a.locator('[data-testid=audit-row]').first().waitFor({ timeout: TIMEOUT })
    await shot(a, `${name}-admin-audit`)
    if (mobile) {
      await go(p, base, '/')
      await p.locator('[data-testid=menu-button]').click()
      await p.locator('[data-testid=nav-shop]').last().waitFor({ timeout: TIMEOUT })
      await shot(p, `${name}-menu`)
    }
  })

  await step(`${name}: nothing overflows the viewport horizontally and touch targets are ≥ 44 px`, async () => {
    for (const [page, path] of [[p, '/'], [p, '/shop'], [a, '/admin/items']]) {
      await go(page, base, path)
      await page.waitForTimeout(300)
      const report = await page.evaluate(() => {
        let wide = document.documentElement.scrollWidth - window.innerWidth
        for (const el of document.querySelectorAll('header *, main *')) {
          const r = el.getBoundingClientRect()
          if (r.width > 0 && r.right - window.innerWidth > wide && getComputedStyle(el).position !== 'fixed') {
            const scroller = el.closest('.scroll, .sub-nav')
            if (!scroller) wide = r.right - window.innerWidth
          }
        }
        const small = []
        for (const el of document.querySelectorAll('button, a[href], input:not([type=hidden])')) {
          const r = el.getBoundingClientRect()
          if (r.width === 0 || r.height === 0) continue
          const target = el.closest('.n-input, .n-input-number, .n-base-selection') ?? el
          const tr = target.getBoundingClientRect()
          if (tr.height < 43.5) small.push(`${el.tagName.toLowerCase()} "${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 20)}" ${Math.round(tr.width)}×${Math.round(tr.height)}`)
        }
        return { wide, small }
      })
      if (report.wide > 1) fail(`${path} is ${report.wide}px wider than the ${viewport.width}px viewport`)
      if (report.small.length) fail(`${path}: touch targets under 44 px: ${report.small.join(', ')}`)
    }
  })

  await playerContext.close()
  await adminContext.close()
}

async function offlineCheck(base) {
  log('\nPWA')
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'ru-RU' })
  const page = await context.newPage()
  await step('PWA: manifest is served and the service worker takes control', async () => {
    const manifest = await fetch(`${base}/manifest.webmanifest`)
    if (!manifest.ok) fail(`GET /manifest.webmanifest answered ${manifest.status}`)
    await go(page, base, '/signin')
    await page.evaluate(() => navigator.serviceWorker.ready)
    await page.reload()
    await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: TIMEOUT })
  })
  await step('PWA: offline, the app shell still loads and says it is offline', async () => {
    await signUp(page, base, `p_o${Math.random().toString(36).slice(2, 7)}`)
    await page.locator('[data-testid=home-title]').waitFor({ timeout: TIMEOUT })
    await context.setOffline(true)
    await page.reload().catch((error) => fail(`reloading offline failed (the service worker did not serve the app shell): ${error.message.split('\n')[0]}`))
    await page.locator('[data-testid=offline-banner]').waitFor({ timeout: TIMEOUT }).catch(async () => {
      fail(`no offline banner after an offline reload (navigator.onLine=${await page.evaluate(() => navigator.onLine)}); the page shows: ${(await page.locator('body').innerText()).slice(0, 200) || '(nothing)'}`)
    })
    await shot(page, 'desktop-offline')
    await context.setOffline(false)
  })
  await context.close()
}

async function main() {
  if (!existsSync(LUCAS)) fail(`the server CLI ${LUCAS} does not exist (create the venv first: ./dev test does it)`)
  if (!existsSync(CHROME)) fail(`Chromium is not at ${CHROME} (apt-get install chromium, or set CHROME_PATH)`)
  if (!existsSync(join(here, 'dist/index.html'))) {
    log('dist/ is missing: building the web app')
    const build = spawnSync('npm', ['run', 'build'], { cwd: here, stdio: 'inherit' })
    if (build.status !== 0) fail('npm run build failed')
  }
  mkdirSync(SHOTS, { recursive: true })
  dataDir = mkdtempSync(join(tmpdir(), 'lucas-e2e-'))
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const env = { ...process.env, LUCAS_DATA_DIR: dataDir, LUCAS_PORT: String(port), LUCAS_HOST: '127.0.0.1', LUCAS_RATE_LIMITS: 'off', LUCAS_FRONTEND_DIR: join(here, 'dist') }
  delete env.LUCAS_DATABASE_URL
  delete env.LUCAS_REDIS_URL

  log(`server: ${LUCAS} serve on ${base} (data in ${dataDir})`)
  const serverLog = createWriteStream(join(dataDir, 'server.log'))
  server = spawn(LUCAS, ['serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  server.stdout.pipe(serverLog)
  server.stderr.pipe(serverLog)
  await step('server starts and serves the web app', async () => {
    await waitForHttp(`${base}/`, 90000)
    const deep = await fetch(`${base}/some/deep/link`)
    const html = await deep.text()
    deepLinks = deep.ok && html.includes('<div id="app">')
    if (!deepLinks) {
      const message = `SERVER BUG: GET /some/deep/link answered ${deep.status} instead of index.html (no history-mode fallback): deep links and reloads of app pages fail`
      if (process.env.E2E_STRICT_FALLBACK) fail(message)
      warnings.push(message)
      log(`  ! ${message}`)
    }
  })
  await step('admin created with the CLI', async () => {
    const created = spawnSync(LUCAS, ['user', 'create', 'admin', '--admin'], { env, input: `${ADMIN_PASSWORD}\n`, encoding: 'utf8' })
    if (created.status !== 0) fail(`lucas user create failed: ${created.stderr || created.stdout}`)
    const login = await graphql(base, 'mutation($i: AuthLoginInput!){ authLogin(input: $i){ accessToken errors { code message } } }', { i: { username: 'admin', password: ADMIN_PASSWORD } })
    if (!login.data?.authLogin?.accessToken) fail(`the admin cannot sign in: ${JSON.stringify(login)}`)
  })

  browser = await chromium.launch({
    executablePath: CHROME,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  })
  const sizes = [
    { name: 'desktop', viewport: { width: 1366, height: 900 }, mobile: false },
    { name: 'phone', viewport: { width: 360, height: 740 }, mobile: true },
  ]
  const only = process.env.E2E_ONLY
  for (const size of sizes) if (!only || only === size.name) await flow(base, size)
  if (!only || only === 'pwa') await offlineCheck(base)
}

async function cleanup() {
  await browser?.close().catch(() => {})
  if (server && server.exitCode === null) {
    server.kill('SIGTERM')
    await new Promise((r) => { const t = setTimeout(() => { server.kill('SIGKILL'); r() }, 8000); server.once('exit', () => { clearTimeout(t); r() }) })
  }
}

try {
  await main()
  await cleanup()
  if (dataDir && !process.env.E2E_KEEP) rmSync(dataDir, { recursive: true, force: true })
  log(`\nscreenshots: ${SHOTS}`)
  for (const warning of warnings) log(`WARNING: ${warning}`)
  log(`e2e: ${results.passed} passed, ${results.failed} failed in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  log(`${results.passed} passed, ${results.failed} failed`)
} catch (error) {
  await cleanup()
  log(`\nFAILED${error.step ? ` at "${error.step}"` : ''}: ${error.readable ? error.message : error.stack}`)
  if (dataDir) {
    const logFile = join(dataDir, 'server.log')
    if (existsSync(logFile)) {
      const lines = readFileSync(logFile, 'utf8').trim().split('\n')
      log(`--- last lines of the server log (${logFile}) ---\n${lines.slice(-25).join('\n')}`)
    }
  }
  log(`${results.passed} passed, ${Math.max(results.failed, 1)} failed`)
  process.exit(1)
}
