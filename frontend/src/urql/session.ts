import { shallowRef, watch, type ShallowRef } from 'vue'
import type { Client } from '@urql/core'
import type { AuthStore } from '@/stores/auth'
import { createGraphqlSession, type GraphqlSession } from './client'

let current: GraphqlSession | null = null
export const clientRef: ShallowRef<Client | null> = shallowRef(null)

/** Builds the GraphQL client and rebuilds it (fresh cache, fresh socket) whenever the session changes. */
export function startGraphqlSessions(auth: AuthStore): ShallowRef<Client> {
  const open = () => {
    current?.dispose()
    current = createGraphqlSession(auth)
    clientRef.value = current.client
  }
  open()
  watch(() => auth.session, open, { flush: 'sync' })
  return clientRef as ShallowRef<Client>
}

export function currentClient(): Client {
  if (!clientRef.value) throw new Error('GraphQL client not started')
  return clientRef.value
}
