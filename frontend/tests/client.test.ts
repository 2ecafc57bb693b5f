import { afterEach, describe, expect, it, vi } from 'vitest'
import { createGraphqlSession, type TokenSource } from '@/urql/client'
import { MeDocument } from '@/gql/graphql'

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

function tokens(access: string | null, refresh: string | null): TokenSource & { signedOut: boolean } {
  return {
    accessToken: access,
    refreshToken: refresh,
    signedOut: false,
    refreshed(a, r) {
      this.accessToken = a
      if (r) this.refreshToken = r
    },
    signOut() {
      this.accessToken = null
      this.refreshToken = null
      this.signedOut = true
    },
  }
}

const me = { me: { __typename: 'User', id: '1', username: 'neo', role: 'USER', createdAt: '2026-01-01T00:00:00Z', telegramLinked: false, balances: [] } }
const urls = { http: 'http://test.local/graphql', ws: 'ws://test.local/graphql' }

afterEach(() => vi.unstubAllGlobals())

describe('GraphQL session', () => {
  it('sends the bearer token, and on UNAUTHENTICATED refreshes once and retries silently', async () => {
    const seen: { auth: string | null; op: string }[] = []
    vi.stubGlobal('fetch', vi.fn(async (_url: string, init: RequestInit) => {
      const body = JSON.parse(String(init.body)) as { operationName?: string; query: string }
      const auth = new Headers(init.headers).get('Authorization')
      const op = body.operationName ?? (body.query.includes('authRefresh') ? 'AuthRefresh' : 'Me')
      seen.push({ auth, op })
      if (op === 'AuthRefresh') return json({ data: { authRefresh: { accessToken: 'new-access', refreshToken: 'new-refresh', errors: [] } } })
      // What the server answers for an expired token: HTTP 401 with a GraphQL error body.
      if (auth === 'Bearer old-access') return json({ data: null, errors: [{ message: 'expired', extensions: { code: 'UNAUTHENTICATED' } }] }, 401)
      return json({ data: me })
    }))
    const source = tokens('old-access', 'old-refresh')
    const session = createGraphqlSession(source, urls)
    const result = await session.client.query(MeDocument, {}).toPromise()
    session.dispose()

    expect(result.error).toBeUndefined()
    expect(result.data?.me?.username).toBe('neo')
    expect(source.accessToken).toBe('new-access')
    expect(source.refreshToken).toBe('new-refresh')
    expect(seen).toEqual([
      { auth: 'Bearer old-access', op: 'Me' },
      { auth: null, op: 'AuthRefresh' },
      { auth: 'Bearer new-access', op: 'Me' },
    ])
  })

  it('signs out (expired) when the refresh token is refused', async () => {
    vi.stubGlobal('fetch', vi.fn(async (_url: string, init: RequestInit) => {
      const body = JSON.parse(String(init.body)) as { operationName?: string }
      if (body.operationName === 'AuthRefresh') {
        return json({ data: { authRefresh: { accessToken: null, refreshToken: null, errors: [{ code: 'INVALID_TOKEN', field: 'refreshToken', message: 'no' }] } } })
      }
      return json({ data: null, errors: [{ message: 'expired', extensions: { code: 'UNAUTHENTICATED' } }] }, 401)
    }))
    const source = tokens('old-access', 'bad-refresh')
    const session = createGraphqlSession(source, urls)
    await session.client.query(MeDocument, {}).toPromise()
    session.dispose()
    expect(source.signedOut).toBe(true)
    expect(source.accessToken).toBeNull()
  })
})
