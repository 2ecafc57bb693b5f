import {
  Client,
  fetchExchange,
  subscriptionExchange,
  type CombinedError,
  type Operation,
} from '@urql/core'
import { authExchange } from '@urql/exchange-auth'
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws'
import { ref } from 'vue'
import { isExpiring } from './tokens'
import { graphCache } from './cache'
import { createRefresher, type TokenSource } from './refresh'

export type LiveState = 'idle' | 'connecting' | 'connected' | 'closed'

/** State of the subscription socket, shown in the header (and watched by the e2e test). */
export const liveState = ref<LiveState>('idle')

/** True after a request failed at the network level; cleared by the next answer from the server. */
export const networkDown = ref(false)

/** fetch that records whether the server is reachable (the offline banner uses it). */
const trackingFetch: typeof fetch = async (input, init) => {
  try {
    const response = await fetch(input, init)
    networkDown.value = false
    return response
  } catch (error) {
    networkDown.value = true
    throw error
  }
}

export type { TokenSource }

export interface GraphqlSession {
  client: Client
  dispose(): void
}

const PUBLIC_OPERATIONS = new Set(['AuthLogin', 'AuthRegister', 'AuthRefresh'])

function operationName(op: Operation): string | undefined {
  for (const def of op.query.definitions) {
    if (def.kind === 'OperationDefinition') return def.name?.value
  }
  return undefined
}

export function isUnauthenticated(error: CombinedError | undefined): boolean {
  return !!error?.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')
}

function endpoints(): { http: string; ws: string } {
  const loc = window.location
  const ws = `${loc.protocol === 'https:' ? 'wss:' : 'ws:'}//${loc.host}/graphql`
  return { http: '/graphql', ws }
}

/**
 * One client per session (sign-in to sign-out): its normalized cache holds the server state,
 * so a new session starts with an empty cache and a fresh socket.
 */
export function createGraphqlSession(tokens: TokenSource, urls = endpoints()): GraphqlSession {
  const refresh = createRefresher(tokens, urls.http, trackingFetch)

  /** The access token the server refused on the socket; refreshed before the next connect. */
  let refusedToken: string | null = null
  let lastSentToken: string | null = null
  const ws: WsClient = createWsClient({
    url: urls.ws,
    lazy: true,
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: () => true,
    connectionParams: async () => {
      const token = tokens.accessToken
      // Refresh when the token is about to expire, or when the server refused this very token
      // (an HTTP request may already have refreshed it meanwhile).
      if (token && (isExpiring(token) || token === refusedToken)) await refresh()
      refusedToken = null
      lastSentToken = tokens.accessToken
      return tokens.accessToken ? { authorization: `Bearer ${tokens.accessToken}` } : {}
    },
    on: {
      connecting: () => (liveState.value = 'connecting'),
      connected: () => (liveState.value = 'connected'),
      closed: (event) => {
        liveState.value = 'closed'
        const code = (event as CloseEvent | undefined)?.code
        if (code === 4401 || code === 4403) refusedToken = lastSentToken
      },
    },
  })

  const client = new Client({
    url: urls.http,
    requestPolicy: 'cache-and-network',
    fetch: trackingFetch,
    // Sign-in and sign-up then set the refresh token as an HttpOnly cookie instead of returning it.
    fetchOptions: { headers: { 'X-Lucas-Refresh-Cookie': '1' }, credentials: 'same-origin' },
    preferGetMethod: false,
    exchanges: [
      graphCache(),
      authExchange(async (utils) => ({
        addAuthToOperation(operation) {
          const token = tokens.accessToken
          const name = operationName(operation)
          if (!token || (name && PUBLIC_OPERATIONS.has(name))) return operation
          return utils.appendHeaders(operation, { Authorization: `Bearer ${token}` })
        },
        willAuthError(operation) {
          const token = tokens.accessToken
          const name = operationName(operation)
          return !!token && !(name && PUBLIC_OPERATIONS.has(name)) && isExpiring(token)
        },
        didAuthError: (error) => isUnauthenticated(error),
        async refreshAuth() {
          await refresh()
        },
      })),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query || '' }
          return {
            subscribe(sink) {
              const unsubscribe = ws.subscribe(input, sink)
              return { unsubscribe }
            },
          }
        },
      }),
    ],
  })

  return {
    client,
    dispose() {
      void ws.dispose()
      liveState.value = 'idle'
    },
  }
}
