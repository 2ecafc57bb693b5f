import { createHash } from 'node:crypto'
import type { Plugin, Rollup } from 'vite'

type OutputBundle = Rollup.OutputBundle
type OutputChunk = Rollup.OutputChunk

/** What a visitor's first page needs besides the entry, by the module that starts each part. */
export interface PreloadTargets {
  /** The sign-in page (a signed-out visitor on / or /signin). */
  signin: RegExp
  /** Naive UI's providers (any page but the plain sign-in and sign-up pages). */
  naive: RegExp
  /** The header of a signed-in session (any page). */
  session: RegExp
  /** The home page (a signed-in visitor on /). */
  home: RegExp
  /** The Russian messages (a reader of Russian, the default). */
  ru: RegExp
  /** The English messages (a reader who chose or prefers English). */
  en: RegExp
}

const DEFAULT_TARGETS: PreloadTargets = {
  signin: /\/src\/pages\/auth\/SignInPage\.vue$/,
  naive: /\/src\/components\/layout\/NaiveRoot\.vue$/,
  session: /\/src\/components\/layout\/SessionHeader\.vue$/,
  home: /\/src\/pages\/home\/HomePage\.vue$/,
  ru: /\/src\/i18n\/catalog-ru\.ts$/,
  en: /\/src\/i18n\/catalog-en\.ts$/,
}

/**
 * The files of each target's lazy chunk that the entry does not already load: the chunk, the
 * chunks it imports statically, and their CSS.
 */
export function targetFiles(bundle: OutputBundle, entry: OutputChunk, facade: RegExp, base = '/'): string[] {
  const chunks = new Map<string, OutputChunk>()
  for (const item of Object.values(bundle)) if (item.type === 'chunk') chunks.set(item.fileName, item)
  const closure = (start: string[]): Set<string> => {
    const seen = new Set<string>()
    const visit = (name: string) => {
      if (seen.has(name)) return
      seen.add(name)
      for (const next of chunks.get(name)?.imports ?? []) visit(next)
    }
    start.forEach(visit)
    return seen
  }
  const loaded = closure([entry.fileName])
  const target = [...chunks.values()].find((chunk) => chunk.facadeModuleId && facade.test(chunk.facadeModuleId))
  if (!target) throw new Error(`first-route-preload: no chunk for ${facade}`)
  const files: string[] = []
  for (const name of closure([target.fileName])) {
    if (loaded.has(name)) continue
    const chunk = chunks.get(name)
    const css = (chunk as (OutputChunk & { viteMetadata?: { importedCss: Set<string> } }) | undefined)?.viteMetadata?.importedCss ?? new Set<string>()
    files.push(base + name, ...[...css].map((file) => base + file))
  }
  return files
}

/** The boot script: picks the first page's files (as the router and the locale store will) and preloads them. */
export function bootScript(map: Record<keyof PreloadTargets, string[]>): string {
  return `(()=>{const M=${JSON.stringify(map)},S=new Set(['ru','en']);let a=false,l=null;
try{l=localStorage.getItem('lucas.locale')}catch{}try{a=!!JSON.parse(localStorage.getItem('lucas.auth')||'null')?.accessToken}catch{}
const p=location.pathname,f=[];
if(!a&&(p==='/'||p==='/signin'))f.push(...M.signin);else if(a||p!=='/signup')f.push(...M.naive);
if(a){f.push(...M.session);if(p==='/')f.push(...M.home)}
if(!S.has(l)){l='ru';for(const x of navigator.languages||[navigator.language]){const b=String(x).toLowerCase().split('-')[0];if(S.has(b)){l=b;break}}}
f.push(...M[l]);
for(const h of new Set(f)){const k=document.createElement('link');if(h.endsWith('.css')){k.rel='preload';k.as='style'}else{k.rel='modulepreload';k.crossOrigin=''}k.href=h;document.head.appendChild(k)}})()
`
}

/**
 * Without this, the first page's chunks (and the reader's messages) are requested only after the
 * entry has downloaded and run: a second round of requests before anything is rendered. A small
 * async script (the CSP allows no inline script) starts them alongside the entry. Its decisions
 * mirror the router guard (signed in or not) and `initialLocale` (saved choice, then the
 * browser's languages); a wrong guess only costs a download.
 */
export function firstRoutePreload(targets: PreloadTargets = DEFAULT_TARGETS): Plugin {
  let boot: { fileName: string; source: string } | null = null
  let base = '/'
  return {
    name: 'lucas:first-route-preload',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      base = config.base
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!ctx.bundle || !ctx.chunk) return html
        const map = {
          signin: targetFiles(ctx.bundle, ctx.chunk, targets.signin, base),
          naive: targetFiles(ctx.bundle, ctx.chunk, targets.naive, base),
          session: targetFiles(ctx.bundle, ctx.chunk, targets.session, base),
          home: targetFiles(ctx.bundle, ctx.chunk, targets.home, base),
          ru: targetFiles(ctx.bundle, ctx.chunk, targets.ru, base),
          en: targetFiles(ctx.bundle, ctx.chunk, targets.en, base),
        }
        const source = bootScript(map)
        const hash = createHash('sha256').update(source).digest('base64url').slice(0, 8)
        boot = { fileName: `assets/boot-${hash}.js`, source }
        return html.replace('</title>', `</title>\n    <script async src="${base}${boot.fileName}"></script>`)
      },
    },
    generateBundle() {
      if (boot) this.emitFile({ type: 'asset', fileName: boot.fileName, source: boot.source })
    },
  }
}
