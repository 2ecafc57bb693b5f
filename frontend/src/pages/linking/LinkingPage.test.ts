import { afterEach, describe, expect, it } from 'vitest'
import type { Operation } from '@urql/core'
import LinkingPage from './LinkingPage.vue'
import ru from './i18n/ru.json'
import { telegramAuthUrl } from './telegramAuth'
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
    const { client } = server({ me: me(false), linkPending: [], linkWidget: null }, {
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
    const { client } = server({ me: me(false), linkPending: [pendingLink], linkWidget: null }, {
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
    const { client } = server({ me: me(true), linkPending: [], linkWidget: null })
    const wrapper = mountWithApp(LinkingPage, { client })
    await flush()
    expect(wrapper.get('[data-testid=link-linked]').text()).toBe(ru.linking.linked)
    wrapper.unmount()
    const refused = server({ me: me(false), linkPending: [], linkWidget: null }, {
      LinkCodeCreate: () => ({ linkCodeCreate: { __typename: 'LinkCodePayload', code: null, expiresAt: null, errors: [{ __typename: 'LinkError', code: 'ALREADY_LINKED', field: null, message: 'x' }] } }),
    })
    const second = mountWithApp(LinkingPage, { client: refused.client })
    await flush()
    await second.get('[data-testid=link-create]').trigger('click')
    await flush()
    expect(second.get('[data-testid=link-error]').text()).toBe(ru.errors.LinkErrorCode.ALREADY_LINKED)
    second.unmount()
  })

  describe('Sign in with Telegram', () => {
    const widget = { __typename: 'LinkWidget', botId: '123456' }
    const fields = { id: 8001, first_name: 'Алиса', username: 'alice_tg', auth_date: 1764790000, hash: 'ab'.repeat(32) }
    const fragment = btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(fields)))).replace(/=+$/, '')
    afterEach(() => window.history.replaceState(null, '', '/'))

    it("links to Telegram's sign-in page, which comes back to this page; hidden when no bot is configured", async () => {
      window.history.replaceState(null, '', '/settings/telegram')
      const { client } = server({ me: me(false), linkPending: [], linkWidget: widget })
      const wrapper = mountWithApp(LinkingPage, { client })
      await flush()
      const { origin } = window.location
      expect(wrapper.get('[data-testid=link-widget]').text()).toContain(ru.linking.widgetIntro)
      expect(wrapper.get('[data-testid=link-widget-button]').attributes('href')).toBe(telegramAuthUrl('123456', origin, `${origin}/settings/telegram`))
      expect(wrapper.find('[data-testid=link-create]').exists()).toBe(true)
      wrapper.unmount()
      const plain = server({ me: me(false), linkPending: [], linkWidget: null })
      const without = mountWithApp(LinkingPage, { client: plain.client })
      await flush()
      expect(without.find('[data-testid=link-widget]').exists()).toBe(false)
      expect(without.find('[data-testid=link-create]').exists()).toBe(true)
      without.unmount()
    })

    it("sends Telegram's answer from the fragment once, and drops it from the address bar", async () => {
      window.history.replaceState(null, '', `/settings/telegram?x=1#tgAuthResult=${fragment}`)
      const sent: Record<string, unknown>[] = []
      const { client, calls } = server({ me: me(false), linkPending: [], linkWidget: widget }, {
        LinkTelegramWidget: (variables) => (sent.push(variables.input as Record<string, unknown>), {
          linkTelegramWidget: { __typename: 'LinkPayload', link: { __typename: 'AccountLink', id: '9', status: 'LINKED', keep: 'WEB', keptUser: { __typename: 'PublicUser', id: '1', username: 'alice' } }, errors: [] },
        }),
      })
      const wrapper = mountWithApp(LinkingPage, { client })
      await flush()
      await flush()
      expect(sent).toEqual([{ id: '8001', firstName: 'Алиса', lastName: null, username: 'alice_tg', photoUrl: null, authDate: 1764790000, hash: 'ab'.repeat(32) }])
      expect(window.location.hash).toBe('')
      expect(window.location.pathname + window.location.search).toBe('/settings/telegram?x=1')
      expect(calls.filter((c) => c.startsWith('LinkingPage')).length).toBeGreaterThanOrEqual(2)
      expect(wrapper.find('[data-testid=link-error]').exists()).toBe(false)
      wrapper.unmount()
    })

    it('shows a refusal in Russian, and a malformed answer without calling the server', async () => {
      window.history.replaceState(null, '', `/settings/telegram#tgAuthResult=${fragment}`)
      const refused = server({ me: me(false), linkPending: [], linkWidget: widget }, {
        LinkTelegramWidget: () => ({ linkTelegramWidget: { __typename: 'LinkPayload', link: null, errors: [{ __typename: 'LinkError', code: 'WIDGET_AUTH_EXPIRED', field: 'authDate', message: 'x' }] } }),
      })
      const wrapper = mountWithApp(LinkingPage, { client: refused.client })
      await flush()
      await flush()
      expect(wrapper.get('[data-testid=link-error]').text()).toBe(ru.errors.LinkErrorCode.WIDGET_AUTH_EXPIRED)
      wrapper.unmount()
      window.history.replaceState(null, '', '/settings/telegram#tgAuthResult=%%%')
      const broken = server({ me: me(false), linkPending: [], linkWidget: widget })
      const second = mountWithApp(LinkingPage, { client: broken.client })
      await flush()
      expect(second.get('[data-testid=link-error]').text()).toBe(ru.errors.LinkErrorCode.WIDGET_HASH_INVALID)
      expect(broken.calls.some((c) => c.startsWith('LinkTelegramWidget'))).toBe(false)
      expect(window.location.hash).toBe('')
      second.unmount()
    })
  })
})
