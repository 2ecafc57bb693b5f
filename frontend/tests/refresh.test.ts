import { describe, expect, it, vi } from 'vitest'
import { createRefresher, type LockRunner, type StoredTokens, type TokenSource } from '@/urql/refresh'

function json(body: unknown): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } })
}

/** A server that rotates refresh tokens and refuses a reused one (as authRefresh does). */
function server() {
  let current = 'r0'
  let n = 0
  const fetch = vi.fn(async (_url: string, init: RequestInit) => {
    await Promise.resolve()
    const token = (JSON.parse(String(init.body)) as { variables: { input: { refreshToken: string } } }).variables.input.refreshToken
    if (token !== current) return json({ data: { authRefresh: { accessToken: null, refreshToken: null, errors: [{ code: 'INVALID_TOKEN', field: null, message: 'reused' }] } } })
    n += 1
    current = `r${n}`
    return json({ data: { authRefresh: { accessToken: `a${n}`, refreshToken: current, errors: [] } } })
  })
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls: fetch }
}

/** One browser's localStorage, shared by its tabs. */
function storage() {
  let saved: StoredTokens = { accessToken: 'a0', refreshToken: 'r0' }
  return { read: () => ({ ...saved }), write: (t: StoredTokens) => { saved = { ...t } } }
}

function tab(store: ReturnType<typeof storage>): TokenSource & { signedOut: boolean } {
  const initial = store.read()
  return {
    accessToken: initial.accessToken,
    refreshToken: initial.refreshToken,
    signedOut: false,
    refreshed(access, refresh) {
      this.accessToken = access
      if (refresh) this.refreshToken = refresh
      store.write({ accessToken: this.accessToken, refreshToken: this.refreshToken })
    },
    signOut() {
      this.signedOut = true
      this.accessToken = null
      this.refreshToken = null
    },
    readStored: () => store.read(),
  }
}

/** A Web Locks stand-in: one holder at a time, in request order. */
function locks(): LockRunner {
  let tail: Promise<unknown> = Promise.resolve()
  return <T>(_name: string, fn: () => Promise<T>) => {
    const run = tail.then(fn)
    tail = run.catch(() => undefined)
    return run
  }
}

describe('access token refresh', () => {
  it('is shared by every caller in a tab: ten at once make one request', async () => {
    const api = server()
    const me = tab(storage())
    const refresh = createRefresher(me, '/graphql', api.fetch, locks())
    const results = await Promise.all(Array.from({ length: 10 }, () => refresh()))
    expect(results).toEqual(Array(10).fill(true))
    expect(api.calls).toHaveBeenCalledTimes(1)
    expect(me.accessToken).toBe('a1')
    expect(me.signedOut).toBe(false)
  })

  it('is taken in turns by tabs, and a tab that waited adopts the tokens instead of reusing the old one', async () => {
    const api = server()
    const shared = storage()
    const lock = locks()
    const tabs = Array.from({ length: 10 }, () => tab(shared))
    const results = await Promise.all(tabs.map((t) => createRefresher(t, '/graphql', api.fetch, lock)()))
    expect(results).toEqual(Array(10).fill(true))
    expect(api.calls).toHaveBeenCalledTimes(1)
    expect(tabs.map((t) => t.signedOut)).toEqual(Array(10).fill(false))
    expect(new Set(tabs.map((t) => t.accessToken))).toEqual(new Set(['a1']))
  })

  it('signs out when the server refuses the refresh token, and keeps the tokens on network trouble', async () => {
    const refused = tab(storage())
    refused.refreshToken = 'stolen'
    refused.readStored = () => ({ accessToken: 'a0', refreshToken: 'stolen' })
    expect(await createRefresher(refused, '/graphql', server().fetch, locks())()).toBe(false)
    expect(refused.signedOut).toBe(true)

    const offline = tab(storage())
    const down = vi.fn(async () => { throw new TypeError('network down') }) as unknown as typeof fetch
    expect(await createRefresher(offline, '/graphql', down, locks())()).toBe(false)
    expect(offline.signedOut).toBe(false)
    expect(offline.refreshToken).toBe('r0')
  })

  it('refreshes a cookie session through /auth/refresh with the CSRF header, never seeing the refresh token', async () => {
    // The browser holds the HttpOnly cookie; the server rotates it and answers a new access token
    let n = 0
    const calls: { url: string; init: RequestInit }[] = []
    const cookieServer = vi.fn(async (url: string, init: RequestInit) => {
      calls.push({ url, init })
      n += 1
      return json({ accessToken: `c${n}`, user: { id: '1', username: 'alice' } })
    }) as unknown as typeof fetch
    let saved: StoredTokens = { accessToken: 'c0', refreshToken: null }
    const store = { read: () => ({ ...saved }), write: (t: StoredTokens) => { saved = { ...t } } }
    const tabs = [tab(store), tab(store), tab(store)]
    const lock = locks()
    const results = await Promise.all(tabs.map((t) => createRefresher(t, '/graphql', cookieServer, lock)()))
    expect(results).toEqual([true, true, true])
    // one request: the tabs that waited adopt the token the first one stored
    expect(calls).toHaveLength(1)
    expect(calls[0].url).toBe('/auth/refresh')
    expect(calls[0].init.credentials).toBe('same-origin')
    expect((calls[0].init.headers as Record<string, string>)['X-Lucas-CSRF']).toBe('1')
    expect(calls[0].init.body).toBeUndefined()
    expect(tabs.map((t) => [t.accessToken, t.refreshToken])).toEqual([['c1', null], ['c1', null], ['c1', null]])

    // A refused cookie (401) signs the tab out
    const gone = vi.fn(async () => new Response('{}', { status: 401 })) as unknown as typeof fetch
    const expired = tab(store)
    expired.readStored = () => ({ accessToken: expired.accessToken, refreshToken: null })
    expect(await createRefresher(expired, '/graphql', gone, locks())()).toBe(false)
    expect(expired.signedOut).toBe(true)
  })
})
