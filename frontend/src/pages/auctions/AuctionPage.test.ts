import { describe, expect, it } from 'vitest'
import type { Operation } from '@urql/core'
import AuctionPage from '@/pages/auctions/AuctionPage.vue'
import ru from '@/pages/auctions/i18n/ru.json'
import { flush, mountWithApp, scriptedClient } from '../../../tests/helpers'

const opName = (op: Operation) => op.query.definitions.map((d) => ('name' in d ? d.name?.value : '')).find(Boolean)
const user = (id: string, username: string) => ({ __typename: 'PublicUser', id, username })
const bid = (id: string, amount: number, who: [string, string]) => ({ __typename: 'AuctionBid', id, amount, createdAt: '2026-12-03T10:00:00Z', bidder: user(...who) })
const inAnHour = new Date(Date.now() + 3600_000).toISOString()

function auction(current: number, minimum: number, leader: [string, string], bids: ReturnType<typeof bid>[]) {
  return {
    __typename: 'Auction', id: '7', status: 'OPEN', item: { __typename: 'Item', id: '3', name: 'Golden Card' }, quantity: 1,
    currency: 'COIN', startPrice: 50, buyoutPrice: 500, currentBid: current, minimumBid: minimum, leader: user(...leader),
    seller: user('1', 'alice'), bidCount: bids.length, extensions: 0, finalPrice: null, createdAt: '2026-12-03T09:00:00Z',
    endsAt: inAnHour, settledAt: null, bids,
  }
}

function server() {
  return scriptedClient((op) => {
    switch (opName(op)) {
      case 'Me':
        return { me: { __typename: 'User', id: '2', username: 'bob', role: 'USER', createdAt: '2026-12-01T00:00:00Z', telegramLinked: false, balances: [] } }
      case 'Auction':
        return { auction: auction(100, 105, ['3', 'carol'], [bid('1', 100, ['3', 'carol'])]) }
      case 'AuctionBid':
        return { auctionBid: { __typename: 'AuctionBidPayload', auction: null, errors: [{ __typename: 'AuctionError', code: 'BID_TOO_LOW', field: 'amount', message: 'server text' }] } }
      default:
        return {}
    }
  })
}

describe('AuctionPage', () => {
  it('shows the best bid with the smallest next bid filled in, and follows auctionChanged live', async () => {
    const { client, push } = server()
    const wrapper = mountWithApp(AuctionPage, { client, props: { id: '7' } })
    await flush()
    expect(wrapper.get('[data-testid=auction-current]').text()).toContain('100')
    expect((wrapper.get('[data-testid=bid-amount] input').element as HTMLInputElement).value).toBe('105')
    expect(wrapper.get('[data-testid=auction-countdown]').text()).toMatch(/^00:59:5\d|^01:00:00/)
    // A bid from someone else arrives over the subscription
    push({ auctionChanged: auction(200, 210, ['4', 'dave'], [bid('2', 200, ['4', 'dave']), bid('1', 100, ['3', 'carol'])]) })
    await flush()
    expect(wrapper.get('[data-testid=auction-current]').text()).toContain('200')
    expect(wrapper.get('[data-testid=auction-leader]').text()).toBe('dave')
    expect((wrapper.get('[data-testid=bid-amount] input').element as HTMLInputElement).value).toBe('210')
    expect(wrapper.findAll('[data-testid=bid-list] .n-list-item')).toHaveLength(2)
    wrapper.unmount()
  })

  it('shows a refused bid next to the amount, in Russian', async () => {
    const { client } = server()
    const wrapper = mountWithApp(AuctionPage, { client, props: { id: '7' } })
    await flush()
    await wrapper.get('[data-testid=bid-form]').trigger('submit')
    await flush()
    await flush()
    expect(wrapper.get('[data-testid=field-amount]').text()).toContain(ru.errors.AuctionErrorCode.BID_TOO_LOW)
    wrapper.unmount()
  })
})
