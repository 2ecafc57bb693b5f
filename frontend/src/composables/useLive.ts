import { computed, ref, watch, type Ref } from 'vue'
import { useQuery, useSubscription } from '@urql/vue'
import {
  MeDocument,
  NotificationReceivedDocument,
  WalletChangedDocument,
  type NotificationFieldsFragment,
  type WalletChangedSubscription,
} from '@/gql/graphql'

/** A walletChanged event invalidates cached queries that show balances or transfers. */
export const WALLET_CONTEXT = { additionalTypenames: ['Balance', 'Transfer', 'User'] }
/** A notificationReceived event invalidates the notification list and the unread count. */
export const NOTIFICATION_CONTEXT = { additionalTypenames: ['Notification', 'NotificationConnection'] }

export function useWalletChanged(pause?: Ref<boolean>) {
  return useSubscription({ query: WalletChangedDocument, context: WALLET_CONTEXT, pause })
}

export function useNotificationReceived(
  onEvent?: (notification: NotificationFieldsFragment) => void,
  pause?: Ref<boolean>,
) {
  return useSubscription(
    { query: NotificationReceivedDocument, context: NOTIFICATION_CONTEXT, pause },
    (_previous: unknown, data) => {
      onEvent?.(data.notificationReceived)
      return data
    },
  )
}

type Balance = { currency: string; amount: string | number }

/**
 * The viewer's balances: from the `me` query, replaced by each walletChanged event as it
 * arrives (whichever is newer wins), so they change on screen without reload or polling.
 */
export function useLiveBalances() {
  const me = useQuery({ query: MeDocument })
  const wallet = useWalletChanged()
  const latest = ref<Balance[] | null>(null)
  const lastEvent = ref<WalletChangedSubscription['walletChanged'] | null>(null)

  watch(() => me.data.value?.me?.balances, (balances) => {
    if (balances) latest.value = balances
  }, { immediate: true })
  watch(() => wallet.data.value?.walletChanged, (event) => {
    if (!event) return
    lastEvent.value = event
    // An event may carry only the changed currencies: merge into what we have.
    const merged = new Map((latest.value ?? []).map((b) => [b.currency, b]))
    for (const balance of event.balances) merged.set(balance.currency, balance)
    latest.value = [...merged.values()]
  })

  // Items are ledger assets too ("item:<id>"); the inventory shows them, the wallet does not.
  const balances = computed(() =>
    (latest.value ?? [])
      .filter((b) => !b.currency.startsWith('item:'))
      .sort((a, b) => a.currency.localeCompare(b.currency)),
  )
  return { me, balances, lastEvent, fetching: me.fetching, error: me.error }
}
