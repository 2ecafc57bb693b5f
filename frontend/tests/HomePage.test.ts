import { describe, expect, it } from 'vitest'
import type { Operation } from '@urql/core'
import HomePage from '@/pages/home/HomePage.vue'
import { homeCards } from '@/pages/home/nextUp'
import { flush, mountWithApp, scriptedClient } from './helpers'

const me = {
  me: {
    __typename: 'User', id: '1', username: 'neo', role: 'USER', createdAt: '2026-01-01T00:00:00Z', telegramLinked: false,
    balances: [{ __typename: 'Balance', currency: 'COIN', amount: 10 }],
  },
}
const opName = (op: Operation) => op.query.definitions.map((d) => ('name' in d ? d.name?.value : '')).find(Boolean)

describe('HomePage', () => {
  it('shows the balance and updates it from walletChanged without refetching', { timeout: 30_000 }, async () => {
    const { client, calls, push } = scriptedClient((op) => {
      if (opName(op) === 'Me') return me
      if (opName(op) === 'MyTransfers') return { myTransfers: { __typename: 'TransferConnection', edges: [], pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null } } }
      return { notifications: { __typename: 'NotificationConnection', edges: [], pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null } } }
    })
    // The 'what to do next' cards are lazy: loaded first, so their own queries run with the page's.
    await Promise.all(homeCards.map((c) => c.card()))
    const wrapper = mountWithApp(HomePage, { client })
    await flush()
    await flush()
    const amount = () => wrapper.get('[data-testid=balance-COIN] [data-testid=balance-amount]').text()
    expect(amount()).toBe('10')
    expect(wrapper.text()).toContain('neo')
    const queriesBefore = calls.length

    push({
      walletChanged: {
        __typename: 'WalletChange',
        balances: [{ __typename: 'Balance', currency: 'COIN', amount: '1500' }],
        transfer: { __typename: 'Transfer', id: '9', kind: 'grant', asset: 'COIN', assetName: 'COIN', amount: '1490', direction: 'IN', counterparty: 'mint', counterpartyKind: 'ADMIN_GRANT', counterpartySource: null, memo: null, createdAt: '2026-01-01T00:00:00Z' },
      },
    })
    await flush()
    expect(amount().replace(/\s/g, '')).toBe('1500')
    expect(wrapper.get('[data-testid=last-change]').text()).toContain('+1')
    expect(calls.length).toBe(queriesBefore)
    wrapper.unmount()
  })
})
