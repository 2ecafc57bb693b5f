// Lighthouse (mobile profile) on the production build served by the real server, with the system Chromium.
// Usage: npm run lighthouse [-- URL]   (without URL: starts `lucas serve` on a free port and audits /)
// Uses lighthouse 12.2.3 through npx (13 needs Node 22); nothing is downloaded besides the npm package.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const here = resolve(new URL('..', import.meta.url).pathname)
const LUCAS = process.env.LUCAS_BIN ?? join(here, '../.venv/bin/lucas')
const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium'
const out = join(tmpdir(), `lucas-lighthouse-${Date.now()}.json`)

const port = await new Promise((res) => { const s = createServer(); s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => res(port)) }) })
let server = null
let dataDir = null
let url = process.argv[2]
if (!url) {
  dataDir = mkdtempSync(join(tmpdir(), 'lucas-lh-'))
  server = spawn(LUCAS, ['serve'], { env: { ...process.env, LUCAS_DATA_DIR: dataDir, LUCAS_PORT: String(port), LUCAS_FRONTEND_DIR: join(here, 'dist') }, stdio: 'ignore' })
  url = `http://127.0.0.1:${port}/`
  for (let i = 0; i < 240; i++) {
    try { if ((await fetch(url)).ok) break } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 250))
  }
}
try {
  const flags = '--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --no-first-run --disable-sync --disable-quic'
  const run = spawnSync('npx', ['--yes', 'lighthouse@12.2.3', url, `--chrome-path=${CHROME}`, `--chrome-flags=${flags}`, '--output=json', `--output-path=${out}`, '--quiet', '--only-categories=performance,accessibility,best-practices,pwa,seo'], { stdio: 'inherit', env: { ...process.env, CHROME_PATH: CHROME } })
  if (run.status !== 0) throw new Error(`lighthouse exited with ${run.status}`)
  const report = JSON.parse(readFileSync(out, 'utf8'))
  console.log(`Lighthouse ${report.lighthouseVersion}, ${report.configSettings.formFactor}, ${url}`)
  for (const [id, category] of Object.entries(report.categories)) console.log(`  ${id}: ${Math.round(category.score * 100)}`)
  for (const id of ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index', 'interactive']) {
    const audit = report.audits[id]
    if (audit) console.log(`  ${audit.title}: ${audit.displayValue}`)
  }
  const failing = Object.values(report.categories).flatMap((c) => c.auditRefs.map((r) => report.audits[r.id]).filter((a) => a && a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'manual' && r0(a)))
  function r0(a) { return a.scoreDisplayMode !== 'notApplicable' }
  if (failing.length) console.log(`  below 90: ${[...new Set(failing.map((a) => a.id))].join(', ')}`)
} finally {
  server?.kill('SIGTERM')
  if (dataDir) setTimeout(() => rmSync(dataDir, { recursive: true, force: true }), 2000)
}
