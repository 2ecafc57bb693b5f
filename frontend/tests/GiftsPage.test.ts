import { describe, expect, it } from 'vitest'
import type { Operation } from '@urql/core'
import GiftsPage from '@/pages/gifts/GiftsPage.vue'
import ru from '@/pages/gifts/i18n/ru.json'
import { flush, mountWithApp, scriptedClient } from './helpers'

const opName = (op: Operation) => op.query.definitions.map((d) => ('name' in d ? d.name?.value : '')).find(Boolean)
const user = (username: string) => ({ __typename: 'PublicUser', id: username, username })
const gift = (id: string, from: string, to: string, message: string | null) => ({
  __typename: 'GiftEdge',
  cursor: `c${id}`,
  node: {
    __typename: 'Gift', id, amount: 5, currency: 'COIN', item: null, message,
    sender: user(from), recipient: user(to), createdAt: '2026-12-01T10:00:00Z',
  },
})

function server(giftSend: (input: Record<string, unknown>) => unknown) {
  return scriptedClient((op) => {
    switch (opName(op)) {
      case 'Me':
        return { me: { __typename: 'User', id: '1', username: 'neo', role: 'USER', createdAt: '2026-01-01T00:00:00Z', telegramLinked: false, balances: [{ __typename: 'Balance', currency: 'COIN', amount: 50 }] } }
      case 'MyInventory':
        return { me: { __typename: 'User', id: '1', inventory: [] } }
      case 'MyGifts':
        return {
          myGifts: { __typename: 'GiftConnection', edges: [gift('2', 'trinity', 'neo', 'спасибо'), gift('1', 'neo', 'trinity', null)], pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: 'c1' } },
          giftsLeftToday: 7,
        }
      case 'UserByUsername': {
        const username = String((op.variables as { username: string }).username)
        return { userByUsername: username === 'nobody' ? null : { __typename: 'PublicUser', id: '2', username } }
      }
      case 'GiftSend':
        return giftSend((op.variables as { input: Record<string, unknown> }).input)
      default:
        return {}
    }
  })
}

const refused = (code: string, field: string | null) => ({ giftSend: { __typename: 'GiftSendPayload', gift: null, errors: [{ __typename: 'GiftError', code, field, message: 'server text' }] } })

describe('GiftsPage', () => {
  it('lists sent and received gifts and the gifts left today', async () => {
    const { client } = server(() => refused('SELF_GIFT', 'toUserId'))
    const wrapper = mountWithApp(GiftsPage, { client })
    await flush()
    expect(wrapper.get('[data-testid=gifts-left]').text()).toBe('Осталось сегодня: 7')
    const rows = wrapper.findAll('[data-testid=gift-row]')
    expect(rows.map((r) => r.attributes('data-direction'))).toEqual(['received', 'sent'])
    expect(rows[0].text()).toContain('от trinity')
    expect(rows[0].text()).toContain('“спасибо”')
    expect(rows[1].text()).toContain('игроку trinity')
    wrapper.unmount()
  })

  it('checks the form before sending anything', async () => {
    const { client, calls } = server(() => refused('SELF_GIFT', 'toUserId'))
    const wrapper = mountWithApp(GiftsPage, { client })
    await flush()
    await wrapper.get('[data-testid=gift-amount] input').setValue('1.5')
    await wrapper.get('form').trigger('submit')
    await flush()
    expect(wrapper.get('[data-testid=field-amount]').text()).toContain(ru.gifts.amountInvalid)
    expect(wrapper.get('[data-testid=field-username]').text()).toContain(ru.gifts.chooseRecipient)

    await wrapper.get('[data-testid=gift-username] input').setValue('nobody')
    await wrapper.get('[data-testid=gift-amount] input').setValue('5')
    await wrapper.get('form').trigger('submit')
    await flush()
    expect(wrapper.get('[data-testid=field-username]').text()).toContain('Игрока «nobody» нет')
    expect(wrapper.get('[data-testid=field-amount]').text()).not.toContain(ru.gifts.amountInvalid)
    expect(calls.some((c) => c.startsWith('GiftSend'))).toBe(false)
    wrapper.unmount()
  })

  it('shows each refusal translated under its field', async () => {
    const answers = [refused('SELF_GIFT', 'toUserId'), refused('INSUFFICIENT_FUNDS', 'amount'), refused('GIFT_LIMIT_REACHED', null)]
    const sent: Record<string, unknown>[] = []
    const { client } = server((input) => {
      sent.push(input)
      return answers[sent.length - 1]
    })
    const wrapper = mountWithApp(GiftsPage, { client })
    await flush()
    await wrapper.get('[data-testid=gift-username] input').setValue('neo')
    await wrapper.get('[data-testid=gift-amount] input').setValue('5')
    await wrapper.get('[data-testid=gift-message-input] textarea').setValue('  с днём рождения ')

    await wrapper.get('form').trigger('submit')
    await flush()
    expect(wrapper.get('[data-testid=field-username]').text()).toContain(ru.errors.GiftErrorCode.SELF_GIFT)
    expect(sent[0]).toMatchObject({ toUserId: '2', amount: '5', currency: 'COIN', itemId: null, message: 'с днём рождения' })

    await wrapper.get('form').trigger('submit')
    await flush()
    expect(wrapper.get('[data-testid=field-amount]').text()).toContain(ru.errors.GiftErrorCode.INSUFFICIENT_FUNDS)
    expect(wrapper.get('[data-testid=field-username]').text()).not.toContain(ru.errors.GiftErrorCode.SELF_GIFT)

    await wrapper.get('form').trigger('submit')
    await flush()
    expect(wrapper.get('[data-testid=form-error]').text()).toBe(ru.errors.GiftErrorCode.GIFT_LIMIT_REACHED)
    expect(sent[0].idempotencyKey).not.toBe(sent[1].idempotencyKey)
    wrapper.unmount()
  })
})
