import { stringifyDocument } from '@urql/core'
import { AuthRefreshDocument, type AuthRefreshMutation } from '@/gql/graphql'

export interface StoredTokens {
  accessToken: string | null
  refreshToken: string | null
}

/** What refreshing needs from the auth store (kept narrow so tests can pass a plain object). */
export interface TokenSource extends StoredTokens {
  refreshed(access: string, refresh: string | null): void
  signOut(options?: { expired?: boolean }): void
  /** The tokens as every tab sees them (localStorage); another tab may have rotated them. */
  readStored?(): StoredTokens | null
}

/** Runs `fn` holding the browser-wide lock (Web Locks API), or directly where there is none. */
export type LockRunner = <T>(name: string, fn: () => Promise<T>) => Promise<T>

export const browserLock: LockRunner = (name, fn) => {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined
  return locks?.request ? locks.request(name, fn) : fn()
}

const LOCK = 'lucas.auth.refresh'
/** Where a session whose refresh token is an HttpOnly cookie refreshes (the server's /auth routes). */
export const COOKIE_REFRESH_URL = '/auth/refresh'
export const CSRF_HEADER = 'X-Lucas-CSRF'

/**
 * The one place the web app refreshes its access token. Callers in this tab share the refresh in
 * flight; tabs take turns through a browser lock, and a tab that waited adopts the tokens the
 * previous one stored instead of spending the (single-use) refresh token a second time.
 * Resolves true when there is a usable access token afterwards; signs out when the server
 * refuses the refresh token; keeps the tokens on network trouble.
 *
 * A session signed in by the web app keeps its refresh token in an HttpOnly cookie that script
 * never sees (security finding 12): it refreshes by `POST /auth/refresh` with the CSRF header, and
 * the browser sends the cookie. A session stored before that (a refresh token in storage) still
 * refreshes through `authRefresh`.
 */
export function createRefresher(
  tokens: TokenSource,
  url: string,
  fetchImpl: typeof fetch,
  lock: LockRunner = browserLock,
  cookieUrl: string = COOKIE_REFRESH_URL,
): () => Promise<boolean> {
  let inFlight: Promise<boolean> | null = null

  async function fromCookie(usedAccess: string | null): Promise<boolean> {
    const stored = tokens.readStored?.()
    if (stored?.accessToken && !stored.refreshToken && stored.accessToken !== usedAccess) {
      tokens.refreshed(stored.accessToken, null) // another tab refreshed while this one waited
      return true
    }
    try {
      const response = await fetchImpl(cookieUrl, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { [CSRF_HEADER]: '1', Accept: 'application/json' },
      })
      if (response.status === 401 || response.status === 403) {
        tokens.signOut({ expired: true })
        return false
      }
      if (!response.ok) return false
      const body = (await response.json()) as { accessToken?: string }
      if (body.accessToken) {
        tokens.refreshed(body.accessToken, null)
        return true
      }
      tokens.signOut({ expired: true })
      return false
    } catch {
      return false
    }
  }

  async function run(used: string | null, usedAccess: string | null): Promise<boolean> {
    if (!used) return fromCookie(usedAccess)
    const stored = tokens.readStored?.()
    if (stored?.accessToken && stored.refreshToken && stored.refreshToken !== used) {
      tokens.refreshed(stored.accessToken, stored.refreshToken)
      return true
    }
    const refreshToken = tokens.refreshToken
    if (!refreshToken) {
      tokens.signOut({ expired: true })
      return false
    }
    try {
      const response = await fetchImpl(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json' },
        body: JSON.stringify({
          query: stringifyDocument(AuthRefreshDocument),
          operationName: 'AuthRefresh',
          variables: { input: { refreshToken } },
        }),
      })
      const body = (await response.json()) as { data?: AuthRefreshMutation }
      const payload = body.data?.authRefresh
      if (payload?.accessToken && payload.errors.length === 0) {
        tokens.refreshed(payload.accessToken, payload.refreshToken ?? null)
        return true
      }
      tokens.signOut({ expired: true })
      return false
    } catch {
      return false // network trouble: keep the tokens, the next request tries again
    }
  }

  return function refresh(): Promise<boolean> {
    if (!inFlight) {
      const used = tokens.refreshToken
      const usedAccess = tokens.accessToken
      inFlight = lock(LOCK, () => run(used, usedAccess)).finally(() => {
        inFlight = null
      })
    }
    return inFlight
  }
}
