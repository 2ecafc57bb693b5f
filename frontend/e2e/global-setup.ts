// Starts `lucas serve` on a free port with a throwaway data dir (serving frontend/dist), creates
// the admin with the CLI, and hands the base URL to the tests through the environment.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { ADMIN_PASSWORD, SHOTS } from './support'

const here = resolve(import.meta.dirname, '..')
const LUCAS = process.env.LUCAS_BIN ?? join(here, '../.venv/bin/lucas')
const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium'
// Several people building at once each build into their own folder: `vite build --outDir dist-x`, LUCAS_E2E_DIST=dist-x.
const DIST = resolve(here, process.env.LUCAS_E2E_DIST ?? 'dist')

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer()
    srv.unref()
    srv.on('error', rej)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo
      srv.close(() => res(port))
    })
  })
}

async function waitForHttp(url: string, server: ChildProcess, ms: number) {
  const until = Date.now() + ms
  let last = ''
  while (Date.now() < until) {
    if (server.exitCode !== null) throw new Error(`lucas serve exited with code ${server.exitCode} before it answered`)
    try {
      const response = await fetch(url)
      if (response.ok) return
      last = `HTTP ${response.status}`
    } catch (error) {
      last = (error as { cause?: { code?: string } }).cause?.code ?? String(error)
    }
    await new Promise((r) => setTimeout(r, 250)) // polling the port until the server listens
  }
  throw new Error(`the server did not answer ${url} within ${ms / 1000} s (last: ${last})`)
}

export default async function globalSetup() {
  if (!existsSync(LUCAS)) throw new Error(`the server CLI ${LUCAS} does not exist (create the venv first: ./dev test does it)`)
  if (!existsSync(CHROME)) throw new Error(`Chromium is not at ${CHROME} (apt-get install chromium, or set CHROME_PATH)`)
  if (!existsSync(join(DIST, 'index.html'))) {
    console.log('dist/ is missing: building the web app')
    if (spawnSync('npm', ['run', 'build'], { cwd: here, stdio: 'inherit' }).status !== 0) throw new Error('npm run build failed')
  }
  mkdirSync(SHOTS, { recursive: true })
  const dataDir = mkdtempSync(join(tmpdir(), 'lucas-e2e-'))
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LUCAS_DATA_DIR: dataDir, LUCAS_PORT: String(port), LUCAS_HOST: '127.0.0.1', LUCAS_RATE_LIMITS: 'off', LUCAS_FRONTEND_DIR: DIST,
  }
  delete env.LUCAS_DATABASE_URL
  delete env.LUCAS_REDIS_URL
  // A bot token so /settings/telegram offers Telegram sign-in (e2e/linking.spec.ts signs with it); its API is a closed local port: nothing leaves the machine.
  env.LUCAS_TELEGRAM_TOKEN = process.env.E2E_TELEGRAM_TOKEN = '424242:e2e-offline-bot-token'
  env.LUCAS_TELEGRAM_API_URL = 'http://127.0.0.1:9/bot'
  delete env.LUCAS_TELEGRAM_WEBHOOK_SECRET

  console.log(`server: ${LUCAS} serve on ${base} (data in ${dataDir})`)
  const logFile = join(dataDir, 'server.log')
  const serverLog = createWriteStream(logFile)
  const server = spawn(LUCAS, ['serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  server.stdout?.pipe(serverLog)
  server.stderr?.pipe(serverLog)

  const teardown = async () => {
    if (server.exitCode === null) {
      server.kill('SIGTERM')
      await new Promise<void>((r) => {
        const t = setTimeout(() => { server.kill('SIGKILL'); r() }, 8000)
        server.once('exit', () => { clearTimeout(t); r() })
      })
    }
    if (process.env.E2E_KEEP) console.log(`kept the data dir ${dataDir}`)
    else rmSync(dataDir, { recursive: true, force: true })
    console.log(`screenshots: ${SHOTS}`)
  }

  try {
    await waitForHttp(`${base}/`, server, 90000)
    const deep = await fetch(`${base}/some/deep/link`)
    const deepLinks = deep.ok && (await deep.text()).includes('<div id="app">')
    if (!deepLinks) {
      const message = `SERVER BUG: GET /some/deep/link answered ${deep.status} instead of index.html (no history-mode fallback): deep links and reloads of app pages fail`
      if (process.env.E2E_STRICT_FALLBACK) throw new Error(message)
      console.warn(`WARNING: ${message}`)
    }
    const created = spawnSync(LUCAS, ['user', 'create', 'admin', '--admin'], { env, input: `${ADMIN_PASSWORD}\n`, encoding: 'utf8' })
    if (created.status !== 0) throw new Error(`lucas user create failed: ${created.stderr || created.stdout}`)
    // Achievements and challenges pay COIN asynchronously; the pages here check exact balances.
    const quiet = spawnSync(join(dirname(LUCAS), 'python'), [join(here, '../ops/quiet_rewards.py')], { env: { ...env, PYTHONPATH: join(here, '..') }, encoding: 'utf8' })
    if (quiet.status !== 0) throw new Error(`ops/quiet_rewards.py failed: ${quiet.stderr || quiet.stdout}`)
    const signInAdmin = () => fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ query: 'mutation($i: AuthLoginInput!){ authLogin(input: $i){ accessToken } }', variables: { i: { username: 'admin', password: ADMIN_PASSWORD } } }),
    }).then((r) => r.json() as Promise<{ data?: { authLogin?: { accessToken?: string } } }>)
    // The CLI took longer than the server's keep-alive: the first try may meet a closed socket.
    const login = await signInAdmin().catch(signInAdmin)
    if (!login.data?.authLogin?.accessToken) throw new Error(`the admin cannot sign in: ${JSON.stringify(login)}`)
    process.env.E2E_BASE_URL = base
    process.env.E2E_DEEP_LINKS = deepLinks ? '1' : '0'
  } catch (error) {
    const lines = existsSync(logFile) ? readFileSync(logFile, 'utf8').trim().split('\n').slice(-25).join('\n') : ''
    await teardown()
    throw new Error(`${error instanceof Error ? error.message : String(error)}${lines ? `\n--- last lines of the server log ---\n${lines}` : ''}`)
  }
  return teardown
}
