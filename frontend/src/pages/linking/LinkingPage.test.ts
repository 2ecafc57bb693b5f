import { describe, expect, it } from 'vitest'
import type { Operation } from '@urql/core'
import LinkingPage from './LinkingPage.vue'
import ru from './i18n/ru.json'
import { flush, mountWithApp, scriptedClient } from '../../../tests/helpers'

const opName = (op: Operation) => op.query.definitions.map((d) => ('name' in d ? d.name?.value : '')).find(Boolean)
const me = (linked: boolean) => ({ __typename: 'User', id: '1', username: 'alice', telegramLinked: linked })
const pendingLink = {
  __typename: 'AccountLink', id: '5', status: 'PENDING',
  webUser: { __typename: 'PublicUser', id: '1', username: 'alice' }, telegramUser: { __typename: 'PublicUser', id: '2', username: 'alice_tg' },
  webHoldings: [{ __typename: 'Balance', currency: 'COIN', amount: 90 }],
  telegramHoldings: [{ __typename: 'Balance', currency: 'COIN', amount: 45 }, { __typename: 'Balance', currency: 'item:3', amount: 2 }],
}

function server(page: unknown, answers: Record<string, (variables: Record<string, unknown>) => unknown> = {}) {
  return scriptedClient((op) => {
    const name = opName(op) ?? ''
    if (name === 'LinkingPage') return page
    const answer = answers[name]
    return answer ? answer(op.variables as Record<string, unknown>) : {}
  })
}

describe('LinkingPage', () => {
  it('creates a code and shows it with the command to send', async () => {
    const { client } = server({ me: me(false), linkPending: [] }, {
      LinkCodeCreate: () => ({ linkCodeCreate: { __typename: 'LinkCodePayload', code: 'ABCD2345', expiresAt: '2026-12-03T19:00:00Z', errors: [] } }),
    })
    const wrapper = mountWithApp(LinkingPage, { client })
    await flush()
    expect(wrapper.text()).toContain(ru.linking.intro)
    await wrapper.get('[data-testid=link-create]').trigger('click')
    await flush()
    expect(wrapper.get('[data-testid=link-code]').text()).toBe('ABCD2345')
    expect(wrapper.get('[data-testid=link-code-box]').text()).toContain('/link ABCD2345')
    wrapper.unmount()
  })

  it('shows a pending choice with both accounts and sends the one kept', async () => {
    const sent: Record<string, unknown>[] = []
    const { client } = server({ me: me(false), linkPending: [pendingLink] }, {
      LinkResolve: (variables) => (sent.push(variables.input as Record<string, unknown>), {
        linkResolve: { __typename: 'LinkPayload', link: { __typename: 'AccountLink', id: '5', status: 'LINKED', keep: 'TELEGRAM', keptUser: { __typename: 'PublicUser', id: '2', username: 'alice_tg' } }, errors: [] },
      }),
    })
    const wrapper = mountWithApp(LinkingPage, { client })
    await flush()
    const pending = wrapper.get('[data-testid=link-pending]')
    expect(pending.text()).toContain(ru.linking.chooseTitle)
    expect(pending.text()).toContain('alice_tg')
    expect(pending.text()).toContain('предметов: 2')
    expect(wrapper.find('[data-testid=link-create]').exists()).toBe(false)
    await wrapper.get('[data-testid=link-keep-telegram]').trigger('click')
    await flush()
    expect(sent).toEqual([{ linkId: '5', keep: 'TELEGRAM' }])
    expect(wrapper.get('[data-testid=link-sign-in-as]').text()).toContain('alice_tg')
    wrapper.unmount()
  })

  it('says the account is linked, and shows a refusal in Russian', async () => {
    const { client } = server({ me: me(true), linkPending: [] })
    const wrapper = mountWithApp(LinkingPage, { client })
    await flush()
    expect(wrapper.get('[data-testid=link-linked]').text()).toBe(ru.linking.linked)
    wrapper.unmount()
    const refused = server({ me: me(false), linkPending: [] }, {
      LinkCodeCreate: () => ({ linkCodeCreate: { __typename: 'LinkCodePayload', code: null, expiresAt: null, errors: [{ __typename: 'LinkError', code: 'ALREADY_LINKED', field: null, message: 'x' }] } }),
    })
    const second = mountWithApp(LinkingPage, { client: refused.client })
    await flush()
    await second.get('[data-testid=link-create]').trigger('click')
    await flush()
    expect(second.get('[data-testid=link-error]').text()).toBe(ru.errors.LinkErrorCode.ALREADY_LINKED)
    second.unmount()
  })
})
