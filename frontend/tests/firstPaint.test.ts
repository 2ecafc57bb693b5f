import { describe, expect, it } from 'vitest'
import type { Rollup } from 'vite'
import { bootScript, targetFiles } from '../vite-plugins/first-route-preload'

type Chunk = Rollup.OutputChunk

function chunk(fileName: string, imports: string[], facadeModuleId: string | null = null, css: string[] = []): Chunk {
  return { type: 'chunk', fileName, imports, facadeModuleId, viteMetadata: { importedCss: new Set(css), importedAssets: new Set() } } as unknown as Chunk
}

describe('first-route preload', () => {
  const entry = chunk('assets/index.js', ['assets/vue.js'], '/app/src/main.ts')
  const bundle = Object.fromEntries([
    entry,
    chunk('assets/vue.js', []),
    chunk('assets/SignInPage.js', ['assets/AuthForm.js', 'assets/vue.js'], '/app/src/pages/auth/SignInPage.vue'),
    chunk('assets/AuthForm.js', ['assets/vue.js'], null, ['assets/AuthForm.css']),
    chunk('assets/HomePage.js', ['assets/vue.js'], '/app/src/pages/home/HomePage.vue'),
  ].map((c) => [c.fileName, c])) as Rollup.OutputBundle

  it("lists a target's chunks and CSS that the entry does not already load", () => {
    expect(targetFiles(bundle, entry, /SignInPage\.vue$/)).toEqual(['/assets/SignInPage.js', '/assets/AuthForm.js', '/assets/AuthForm.css'])
    expect(() => targetFiles(bundle, entry, /Missing\.vue$/)).toThrow(/no chunk/)
  })

  function run(path: string, saved: { auth?: string; locale?: string }): string[] {
    document.head.querySelectorAll('link').forEach((l) => l.remove())
    localStorage.clear()
    if (saved.auth) localStorage.setItem('lucas.auth', saved.auth)
    if (saved.locale) localStorage.setItem('lucas.locale', saved.locale)
    window.history.replaceState(null, '', path)
    const map = { signin: ['/s.js', '/s.css'], naive: ['/n.js'], session: ['/h.js'], home: ['/home.js', '/h.js'], ru: ['/ru.js'], en: ['/en.js'] }
    new Function(bootScript(map))()
    return [...document.head.querySelectorAll('link')].map((l) => `${l.rel} ${l.getAttribute('href')}`)
  }

  it('preloads the sign-in page for a signed-out visitor; Naive UI, the session header and the home page for a signed-in one', () => {
    expect(run('/', { locale: 'ru' })).toEqual(['modulepreload /s.js', 'preload /s.css', 'modulepreload /ru.js'])
    expect(run('/signup', { locale: 'ru' })).toEqual(['modulepreload /ru.js'])
    expect(run('/shop', { locale: 'ru' })).toEqual(['modulepreload /n.js', 'modulepreload /ru.js'])
    expect(run('/', { auth: JSON.stringify({ accessToken: 't', refreshToken: null }), locale: 'ru' })).toEqual(['modulepreload /n.js', 'modulepreload /h.js', 'modulepreload /home.js', 'modulepreload /ru.js'])
    expect(run('/shop', { auth: JSON.stringify({ accessToken: 't', refreshToken: null }), locale: 'en' })).toEqual(['modulepreload /n.js', 'modulepreload /h.js', 'modulepreload /en.js'])
  })

  it('survives corrupt storage', () => {
    expect(run('/signin', { auth: '{not json', locale: 'ru' })).toEqual(['modulepreload /s.js', 'preload /s.css', 'modulepreload /ru.js'])
  })
})
