import { describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import HomePage from '@/pages/HomePage.vue'
import { flush, mockClient, mountWithApp, subscriptionSource } from './helpers'
import { WalletChangedDocument } from '@/gql/graphql'

const me = {
  me: { id: '1', username: 'neo', role: 'USER', createdAt: '2026-01-01T00:00:00Z', telegramLinked: false, balances: [{ currency: 'COIN', amount: 10 }] },
}

describe('HomePage', () => {
  it('shows the balance and updates it from walletChanged without refetching', async () => {
    const live = subscriptionSource()
    const client = mockClient({ query: () => me, subscription: live.source })
    const wrapper = mountWithApp(HomePage, { client })
    await flush()
    const amount = () => wrapper.get('[data-testid=balance-COIN] [data-testid=balance-amount]').text()
    expect(amount()).toBe('10')
    expect(wrapper.text()).toContain('neo')
    const queriesBefore = client.executeQuery.mock.calls.length

    live.push({
      walletChanged: {
        balances: [{ currency: 'COIN', amount: '1500' }],
        transfer: { id: '9', kind: 'grant', asset: 'COIN', amount: '1490', direction: 'IN', counterparty: 'mint', memo: null, createdAt: '2026-01-01T00:00:00Z' },
      },
    })
    await nextTick()
    expect(amount().replace(/\s/g, '')).toBe('1500')
    expect(wrapper.get('[data-testid=last-change]').text()).toContain('+1')
    expect(client.executeQuery.mock.calls.length).toBe(queriesBefore)
    const subscribed = client.executeSubscription.mock.calls.map((call) => (call as unknown as [{ query: unknown }])[0].query)
    expect(subscribed).toContain(WalletChangedDocument)
    wrapper.unmount()
  })
})
