import { computed, ref, watch, type Ref } from 'vue'
import { useQuery, useSubscription } from '@urql/vue'
import {
  MeDocument,
  NotificationReceivedDocument,
  WalletChangedDocument,
  type NotificationFieldsFragment,
  type WalletChangedSubscription,
} from '@/gql/graphql'

/** The viewer's wallet events; the cache's updaters (urql/cache.ts) apply each to what is cached. */
export function useWalletChanged(pause?: Ref<boolean>) {
  return useSubscription({ query: WalletChangedDocument, pause })
}

export function useNotificationReceived(
  onEvent?: (notification: NotificationFieldsFragment) => void,
  pause?: Ref<boolean>,
) {
  return useSubscription(
    { query: NotificationReceivedDocument, pause },
    (_previous: unknown, data) => {
      onEvent?.(data.notificationReceived)
      return data
    },
  )
}

/**
 * The viewer's balances from the `me` query. Each walletChanged event is merged into the cached
 * user by the cache, so they change on screen without reload or polling.
 */
export function useLiveBalances() {
  const me = useQuery({ query: MeDocument })
  const wallet = useWalletChanged()
  const lastEvent = ref<WalletChangedSubscription['walletChanged'] | null>(null)
  watch(() => wallet.data.value?.walletChanged, (event) => {
    if (event) lastEvent.value = event
  })

  // Items are ledger assets too ("item:<id>"); the inventory shows them, the wallet does not.
  const balances = computed(() =>
    [...(me.data.value?.me?.balances ?? [])]
      .filter((b) => !b.currency.startsWith('item:'))
      .sort((a, b) => a.currency.localeCompare(b.currency)),
  )
  return { me, balances, lastEvent, fetching: me.fetching, error: me.error }
}
