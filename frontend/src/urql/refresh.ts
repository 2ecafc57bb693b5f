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

/**
 * The one place the web app refreshes its access token. Callers in this tab share the refresh in
 * flight; tabs take turns through a browser lock, and a tab that waited adopts the tokens the
 * previous one stored instead of spending the (single-use) refresh token a second time.
 * Resolves true when there is a usable access token afterwards; signs out when the server
 * refuses the refresh token; keeps the tokens on network trouble.
 */
export function createRefresher(
  tokens: TokenSource,
  url: string,
  fetchImpl: typeof fetch,
  lock: LockRunner = browserLock,
): () => Promise<boolean> {
  let inFlight: Promise<boolean> | null = null

  async function run(used: string | null): Promise<boolean> {
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
      inFlight = lock(LOCK, () => run(used)).finally(() => {
        inFlight = null
      })
    }
    return inFlight
  }
}
