import { describe, expect, it } from 'vitest'
import type { Operation } from '@urql/core'
import { scriptedClient as setup } from './helpers'
import {
  ShopItemCreateDocument,
  MeDocument,
  MyTransfersDocument,
  NotificationMarkReadDocument,
  NotificationsDocument,
  ShopItemsDocument,
  UnreadCountDocument,
  WalletChangedDocument,
} from '@/gql/graphql'

const transfer = (id: number, amount = 10) => ({
  __typename: 'Transfer', id: String(id), kind: 'payment', asset: 'COIN', assetName: 'COIN', amount, direction: 'IN', counterpartyKind: 'USER', counterpartySource: null,
  counterparty: 'neo', memo: null, createdAt: '2026-01-01T00:00:00Z',
})
const transferEdge = (id: number) => ({ __typename: 'TransferEdge', cursor: `t${id}`, node: transfer(id) })
const pageInfo = (hasNextPage: boolean, endCursor: string | null) => ({ __typename: 'PageInfo', hasNextPage, endCursor })
const item = (id: number, active = true) => ({
  __typename: 'Item', id: String(id), name: `Item ${id}`, description: '', price: 5, basePrice: 5, minPrice: 3, maxPrice: 10, priceTrend: 'STABLE', pinned: false, currency: 'COIN',
  stock: null, perUserLimit: null, cooldownSeconds: null, tradeable: true, active,
})
const notification = (id: number, readAt: string | null = null) => ({
  __typename: 'Notification', id: String(id), kind: 'grant', title: `N${id}`, body: '', data: {}, createdAt: '2026-01-01T00:00:00Z', readAt,
})
const me = (balances: { currency: string; amount: number | string }[]) => ({
  me: { __typename: 'User', id: '1', username: 'neo', role: 'USER', createdAt: '2026-01-01T00:00:00Z', telegramLinked: false, balances: balances.map((b) => ({ __typename: 'Balance', ...b })) },
})

const opName = (op: Operation) => op.query.definitions.map((d) => ('name' in d ? d.name?.value : '')).find(Boolean)

describe('the normalized cache', () => {
  it('merges "load more" pages of a connection into one list', async () => {
    const { client } = setup((op) => ({
      myTransfers: op.variables?.after === 't2'
        ? { __typename: 'TransferConnection', edges: [transferEdge(3)], pageInfo: pageInfo(false, 't3') }
        : { __typename: 'TransferConnection', edges: [transferEdge(1), transferEdge(2)], pageInfo: pageInfo(true, 't2') },
    }))
    await client.query(MyTransfersDocument, { first: 2, after: null }).toPromise()
    const second = await client.query(MyTransfersDocument, { first: 2, after: 't2' }).toPromise()
    expect(second.data?.myTransfers.edges.map((e) => e.node.id)).toEqual(['1', '2', '3'])
    expect(second.data?.myTransfers.pageInfo).toMatchObject({ hasNextPage: false, endCursor: 't3' })
  })

  it('applies a walletChanged event: the transfer on top of the history, balances merged into me', async () => {
    const { client, push, calls } = setup((op) => {
      if (opName(op) === 'Me') return me([{ currency: 'COIN', amount: 10 }, { currency: 'GEM', amount: 1 }])
      return { myTransfers: { __typename: 'TransferConnection', edges: [transferEdge(1)], pageInfo: pageInfo(false, 't1') } }
    })
    await client.query(MeDocument, {}).toPromise()
    await client.query(MyTransfersDocument, { first: 20, after: null }).toPromise()
    const received: unknown[] = []
    const sub = client.subscription(WalletChangedDocument, {}).subscribe((r) => received.push(r.data))
    push({ walletChanged: { __typename: 'WalletChange', balances: [{ __typename: 'Balance', currency: 'COIN', amount: '60' }], transfer: transfer(9, 50) } })
    sub.unsubscribe()
    expect(received).toHaveLength(1)
    const before = calls.length
    const balances = client.readQuery(MeDocument, {})?.data?.me?.balances
    expect(balances?.map(({ currency, amount }) => [currency, amount])).toEqual([['COIN', '60'], ['GEM', 1]])
    const history = client.readQuery(MyTransfersDocument, { first: 20, after: null })?.data?.myTransfers.edges.map((e) => e.node.id)
    expect(history).toEqual(['9', '1'])
    expect(calls.length).toBe(before)
  })

  it('marks notifications read in place and refreshes the unread counter', async () => {
    let unread = 2
    const { client, calls } = setup((op) => {
      switch (opName(op)) {
        case 'Notifications':
          return { notifications: { __typename: 'NotificationConnection', edges: [1, 2].map((id) => ({ __typename: 'NotificationEdge', cursor: `n${id}`, node: notification(id) })), pageInfo: pageInfo(false, 'n2') } }
        case 'UnreadCount':
          return { notifications: { __typename: 'NotificationConnection', unreadCount: unread } }
        default:
          unread = 1
          return { notificationMarkRead: { __typename: 'NotificationMarkReadPayload', count: 1, errors: [] } }
      }
    })
    await client.query(NotificationsDocument, { first: 20, after: null, unreadOnly: false }).toPromise()
    expect((await client.query(UnreadCountDocument, {}).toPromise()).data?.notifications.unreadCount).toBe(2)
    await client.mutation(NotificationMarkReadDocument, { input: { ids: ['1'] } }).toPromise()
    const list = client.readQuery(NotificationsDocument, { first: 20, after: null, unreadOnly: false })?.data?.notifications.edges
    expect(list?.map((e) => [e.node.id, e.node.readAt !== null])).toEqual([['1', true], ['2', false]])
    expect((await client.query(UnreadCountDocument, {}).toPromise()).data?.notifications.unreadCount).toBe(1)
    expect(calls.filter((c) => c.startsWith('UnreadCount'))).toHaveLength(2)
  })

  it('adds a created item at the end of the last cached page, for the lists it belongs to', async () => {
    const { client } = setup((op) => {
      if (opName(op) === 'ShopItems') return { shopItems: { __typename: 'ItemConnection', edges: [{ __typename: 'ItemEdge', cursor: 'i1', node: item(1) }], pageInfo: pageInfo(false, 'i1') } }
      return { shopItemCreate: { __typename: 'ShopItemPayload', item: item(2, false), errors: [] } }
    })
    await client.query(ShopItemsDocument, { first: 50, after: null, includeInactive: true }).toPromise()
    await client.query(ShopItemsDocument, { first: 24, after: null, includeInactive: false }).toPromise()
    await client.mutation(ShopItemCreateDocument, { input: { name: 'Item 2', price: 5 } }).toPromise()
    const ids = (includeInactive: boolean, first: number) =>
      client.readQuery(ShopItemsDocument, { first, after: null, includeInactive })?.data?.shopItems.edges.map((e) => e.node.id)
    expect(ids(true, 50)).toEqual(['1', '2'])
    expect(ids(false, 24)).toEqual(['1'])
  })
})
