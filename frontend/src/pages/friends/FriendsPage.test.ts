import { describe, expect, it } from 'vitest'
import type { Operation } from '@urql/core'
import FriendsPage from '@/pages/friends/FriendsPage.vue'
import ru from '@/pages/friends/i18n/ru.json'
import { flush, mountWithApp, scriptedClient } from '../../../tests/helpers'

const opName = (op: Operation) => op.query.definitions.map((d) => ('name' in d ? d.name?.value : '')).find(Boolean)
const user = (id: string, username: string) => ({ __typename: 'PublicUser', id, username })
const friend = (id: string, username: string, online: boolean) => ({ __typename: 'Friend', online, since: '2026-12-01T10:00:00Z', user: user(id, username) })
const request = (id: string, from: [string, string], to: [string, string]) => ({
  __typename: 'FriendRequest', id, status: 'PENDING', createdAt: '2026-12-02T10:00:00Z', sender: user(...from), recipient: user(...to),
})

function server(mutations: Record<string, (input: Record<string, unknown>) => unknown>) {
  let accepted = false
  return scriptedClient((op) => {
    const name = opName(op) ?? ''
    if (name in mutations) {
      if (name === 'FriendRequestAccept') accepted = true
      return mutations[name]((op.variables as { input: Record<string, unknown> }).input)
    }
    switch (name) {
      case 'FriendsPage':
        return {
          friends: [friend('2', 'trinity', false), friend('3', 'morpheus', true), ...(accepted ? [friend('4', 'tank', false)] : [])],
          incoming: accepted ? [] : [request('10', ['4', 'tank'], ['1', 'neo'])],
          outgoing: [request('11', ['1', 'neo'], ['5', 'smith'])],
          blockedUsers: [{ __typename: 'BlockedUser', blockedAt: '2026-12-02T11:00:00Z', user: user('6', 'cypher') }],
        }
      case 'FriendsActivity':
        return { friendsActivity: [{ __typename: 'FriendActivity', id: '7', kind: 'shop.purchase', at: '2026-12-03T09:00:00Z', itemName: 'Cake', level: null, achievement: null, user: user('3', 'morpheus') }] }
      case 'UserByUsername': {
        const username = String((op.variables as { username: string }).username)
        return { userByUsername: username === 'nobody' ? null : user('9', username) }
      }
      default:
        return {}
    }
  })
}

const payload = (field: string, errors: { code: string; field: string | null }[] = []) => ({
  [field]: {
    __typename: 'FriendRequestPayload',
    request: errors.length ? null : request('12', ['1', 'neo'], ['9', 'oracle']),
    errors: errors.map((e) => ({ __typename: 'FriendError', message: 'server text', ...e })),
  },
})

describe('FriendsPage', () => {
  it('lists friends online first with their dots, requests, activity and blocked players', async () => {
    const { client } = server({})
    const wrapper = mountWithApp(FriendsPage, { client })
    await flush()
    const rows = wrapper.findAll('[data-testid=friend-row]')
    expect(rows.map((r) => [r.attributes('data-username'), r.attributes('data-online')])).toEqual([['morpheus', 'yes'], ['trinity', 'no']])
    expect(rows[0].get('[data-testid=online-dot]').attributes('aria-label')).toBe(ru.friends.online)
    expect(wrapper.get('[data-testid=friends-summary]').text()).toBe('Друзей: 2 · в сети: 1')
    expect(wrapper.get('[data-testid=incoming-row]').text()).toContain('tank')
    expect(wrapper.get('[data-testid=outgoing-row]').text()).toContain('smith')
    expect(wrapper.get('[data-testid=activity-row]').text()).toContain('morpheus купил Cake')
    expect(wrapper.get('[data-testid=blocked-row]').text()).toContain('cypher')
    wrapper.unmount()
  })

  it('sends a request, and shows a refusal under the username', async () => {
    const answers = [payload('friendRequestSend', [{ code: 'BLOCKED', field: 'userId' }]), payload('friendRequestSend')]
    const sent: Record<string, unknown>[] = []
    const { client, calls } = server({ FriendRequestSend: (input) => { sent.push(input); return answers[sent.length - 1] } })
    const wrapper = mountWithApp(FriendsPage, { client })
    await flush()
    await wrapper.get('form').trigger('submit')
    await flush()
    expect(wrapper.get('[data-testid=field-username]').text()).toContain(ru.friends.chooseUser)
    expect(calls.some((c) => c.startsWith('FriendRequestSend'))).toBe(false)

    await wrapper.get('[data-testid=friend-username] input').setValue('oracle')
    await wrapper.get('form').trigger('submit')
    await flush()
    expect(sent[0]).toEqual({ userId: '9' })
    expect(wrapper.get('[data-testid=field-username]').text()).toContain(ru.errors.FriendErrorCode.BLOCKED)

    await wrapper.get('form').trigger('submit')
    await flush()
    expect(wrapper.get('[data-testid=field-username]').text()).not.toContain(ru.errors.FriendErrorCode.BLOCKED)
    wrapper.unmount()
  })

  it('accepts an incoming request and the lists are read again', async () => {
    const { client, calls } = server({ FriendRequestAccept: () => ({ friendRequestAccept: { __typename: 'FriendRequestPayload', request: { ...request('10', ['4', 'tank'], ['1', 'neo']), status: 'ACCEPTED' }, errors: [] } }) })
    const wrapper = mountWithApp(FriendsPage, { client })
    await flush()
    await wrapper.get('[data-testid=request-accept]').trigger('click')
    await flush()
    await flush()
    expect(calls.filter((c) => c.startsWith('FriendRequestAccept'))).toEqual(['FriendRequestAccept {"input":{"requestId":"10"}}'])
    expect(wrapper.findAll('[data-testid=incoming-row]')).toHaveLength(0)
    expect(wrapper.findAll('[data-testid=friend-row]').map((r) => r.attributes('data-username'))).toContain('tank')
    wrapper.unmount()
  })
})
