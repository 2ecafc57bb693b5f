import { describe, expect, it } from 'vitest'
import type { Operation } from '@urql/core'
import TradingPage from '@/pages/trading/TradingPage.vue'
import ru from '@/pages/trading/i18n/ru.json'
import { flush, mountWithApp, scriptedClient } from '../../../tests/helpers'

const opName = (op: Operation) => op.query.definitions.map((d) => ('name' in d ? d.name?.value : '')).find(Boolean)
const user = (username: string) => ({ __typename: 'PublicUser', id: username, username })
const coins = (amount: number, fee: number) => ({ __typename: 'TradeGood', currency: 'COIN', amount, fee, item: null })
const card = (amount: number) => ({ __typename: 'TradeGood', currency: null, amount, fee: 0, item: { __typename: 'Item', id: '7', name: 'Golden Card' } })
const offer = (id: string, status: string, incoming: boolean, lopsided: boolean) => ({
  __typename: 'TradeOffer', id, status, incoming, lopsided, giveValue: 1, wantValue: 100, message: null, counterOf: null,
  sender: user(incoming ? 'trinity' : 'neo'), recipient: user(incoming ? 'neo' : 'trinity'),
  give: [coins(1, 1)], want: [card(2)],
  createdAt: '2026-12-01T10:00:00Z', expiresAt: '2026-12-04T10:00:00Z', closedAt: status === 'OPEN' ? null : '2026-12-01T11:00:00Z',
})
const page = (...nodes: unknown[]) => ({
  tradeOffers: {
    __typename: 'TradeOfferConnection',
    edges: nodes.map((node) => ({ __typename: 'TradeOfferEdge', cursor: `c${(node as { id: string }).id}`, node })),
    pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
  },
})

function server(mutation: (name: string, input: Record<string, unknown>) => unknown) {
  return scriptedClient((op) => {
    const name = opName(op) ?? ''
    switch (name) {
      case 'Me':
        return { me: { __typename: 'User', id: '1', username: 'neo', role: 'USER', createdAt: '2026-01-01T00:00:00Z', telegramLinked: false, balances: [{ __typename: 'Balance', currency: 'COIN', amount: 50 }] } }
      case 'MyInventory':
        return { me: { __typename: 'User', id: '1', inventory: [] } }
      case 'ShopItems':
        return { shopItems: { __typename: 'ItemConnection', edges: [], pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null } } }
      case 'TradeOffers':
        return (op.variables as { status?: string }).status === 'OPEN'
          ? page(offer('3', 'OPEN', true, true), offer('2', 'OPEN', false, false))
          : page(offer('3', 'OPEN', true, true), offer('2', 'OPEN', false, false), offer('1', 'ACCEPTED', false, false))
      case 'UserByUsername':
        return { userByUsername: { __typename: 'PublicUser', id: '2', username: String((op.variables as { username: string }).username) } }
      default:
        return mutation(name, (op.variables as { input: Record<string, unknown> }).input)
    }
  })
}

describe('TradingPage', () => {
  it('shows open offers from the viewer’s side, warns about a lopsided one and accepts it', async () => {
    const { client, calls } = server((name) =>
      name === 'TradeOfferAccept' ? { tradeOfferAccept: { __typename: 'TradeOfferPayload', offer: offer('3', 'ACCEPTED', true, true), errors: [] } } : {})
    const wrapper = mountWithApp(TradingPage, { client })
    await flush()
    const incoming = wrapper.get('[data-testid=offer-3]')
    expect(incoming.text()).toContain('от trinity')
    expect(incoming.get('[data-testid=offer-gets]').text()).toContain('1')
    expect(incoming.get('[data-testid=offer-gives]').text()).toContain('Golden Card × 2')
    expect(incoming.get('[data-testid=offer-lopsided]').text()).toBe(ru.trading.lopsided.replace('{give}', '1').replace('{want}', '100'))
    expect(wrapper.get('[data-testid=offer-2]').find('[data-testid=offer-cancel]').exists()).toBe(true)
    await incoming.get('[data-testid=offer-accept]').trigger('click')
    await flush()
    expect(calls.filter((c) => c.startsWith('TradeOfferAccept '))).toEqual(['TradeOfferAccept {"input":{"offerId":"3"}}'])
    wrapper.unmount()
  })

  it('shows a refusal of the server next to the side it concerns', async () => {
    const { client, calls } = server((name) =>
      name === 'TradeOfferCreate'
        ? { tradeOfferCreate: { __typename: 'TradeOfferPayload', offer: null, errors: [{ __typename: 'TradeError', code: 'INSUFFICIENT_FUNDS', field: 'give', message: 'server text' }] } }
        : {})
    const wrapper = mountWithApp(TradingPage, { client })
    await flush()
    await wrapper.get('[data-testid=trade-username] input').setValue('trinity')
    await wrapper.get('[data-testid=add-give]').trigger('click')
    await wrapper.get('[data-testid=good-give-0-amount] input').setValue('500')
    await wrapper.get('[data-testid=trade-form]').trigger('submit')
    await flush()
    await flush()
    const sent = calls.filter((c) => c.startsWith('TradeOfferCreate ')).map((c) => JSON.parse(c.slice('TradeOfferCreate '.length)) as { input: Record<string, unknown> })
    expect(sent).toHaveLength(1)
    expect(sent[0].input).toMatchObject({ toUserId: '2', give: [{ currency: 'COIN', amount: '500' }], want: [] })
    expect(wrapper.get('[data-testid=field-give]').text()).toContain(ru.errors.TradeErrorCode.INSUFFICIENT_FUNDS)
    wrapper.unmount()
  })
})
