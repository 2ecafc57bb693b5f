import { describe, expect, it } from 'vitest'
import type { Operation } from '@urql/core'
import ChatPage from '@/pages/chat/ChatPage.vue'
import ru from '@/pages/chat/i18n/ru.json'
import { flush, mountWithApp, scriptedClient } from '../../../tests/helpers'

const author = (id: string, username: string) => ({ __typename: 'PublicUser', id, username })
const message = (id: string, text: string, who = author('2', 'trinity'), channel = 'global', deleted = false) => ({
  __typename: 'ChatMessage', id, text, channel, createdAt: '2026-12-03T10:00:00+00:00', deleted, author: who,
})
const me = { __typename: 'User', id: '1', username: 'neo', role: 'USER', createdAt: '2026-01-01T00:00:00+00:00', telegramLinked: false, balances: [] }

type Mute = { until: string; reason: string } | null

function server(sendErrors: { code: string; field: string | null; message: string }[] = [], muted: { now: Mute } = { now: null }, viewer = me) {
  return scriptedClient((op: Operation) => {
    const body = op.query.loc?.source.body ?? ''
    if (body.includes('chatChannels')) {
      return { chatChannels: [
        { __typename: 'ChatChannel', name: 'global', kind: 'global', user: null },
        { __typename: 'ChatChannel', name: 'clan', kind: 'clan', user: null },
        { __typename: 'ChatChannel', name: 'dm:2', kind: 'dm', user: author('2', 'trinity') },
      ] }
    }
    if (body.includes('chatMessages')) return { chatMessages: [message('11', 'second'), message('10', 'first')] }
    if (body.includes('chatSend')) {
      const sent = sendErrors.length ? null : message('12', 'hello ****', author('1', 'neo'))
      return { chatSend: { __typename: 'ChatSendPayload', message: sent, errors: sendErrors.map((e) => ({ __typename: 'ChatError', ...e })) } }
    }
    if (body.includes('chatReports')) return { chatReports: [] }
    if (body.includes('chatMuted')) return { chatMuted: muted.now && { __typename: 'ChatMuteInfo', ...muted.now } }
    if (body.includes('chatMessageDelete')) {
      return { chatMessageDelete: { __typename: 'ChatMessageDeletePayload', message: { __typename: 'ChatMessage', id: (op.variables as { input: { messageId: string } }).input.messageId, deleted: true }, errors: [] } }
    }
    if (body.includes('query Me')) return { me: viewer }
    return {}
  })
}

describe('ChatPage', () => {
  it('lists the channels, shows the history oldest first and adds live messages', async () => {
    const { client, calls, push } = server()
    const wrapper = mountWithApp(ChatPage, { client })
    await flush()
    expect(wrapper.findAll('[data-testid=chat-tabs] [role=tab]').map((t) => t.text())).toEqual([ru.chat.global, ru.chat.clan, '@trinity'])
    expect(calls.find((c) => c.startsWith('ChatMessages'))).toContain('"channel":"global"')
    const texts = () => wrapper.findAll('[data-testid=chat-text]').map((t) => t.text())
    expect(texts()).toEqual(['first', 'second'])
    push({ chatMessage: message('13', 'live one') })
    await flush()
    expect(texts()).toEqual(['first', 'second', 'live one'])
    await wrapper.get('[data-channel="dm:2"]').trigger('click')
    await flush()
    expect(calls.at(-1)).toContain('"channel":"dm:2"')
    wrapper.unmount()
  })

  it('sends a message and shows the server refusal in the reader language', async () => {
    const { client, calls } = server([{ code: 'CHAT_RATE_LIMITED', field: null, message: 'slow down' }])
    const wrapper = mountWithApp(ChatPage, { client })
    await flush()
    await wrapper.get('[data-testid=chat-input] input').setValue('hello')
    await wrapper.get('[data-testid=chat-send-form]').trigger('submit')
    await flush()
    expect(calls.at(-1)).toContain('"text":"hello"')
    expect(wrapper.get('[data-testid=chat-error]').text()).toBe(ru.errors.ChatErrorCode.CHAT_RATE_LIMITED)
    wrapper.unmount()
  })

  it('removes a message live when a moderator deletes it', async () => {
    const { client, push } = server()
    const wrapper = mountWithApp(ChatPage, { client })
    await flush()
    const texts = () => wrapper.findAll('[data-testid=chat-text]').map((t) => t.text())
    push({ chatMessage: message('13', 'live one') })
    await flush()
    expect(texts()).toEqual(['first', 'second', 'live one'])
    // the deletion comes through the same subscription: the message again, deleted, without text
    push({ chatMessage: message('10', '', author('2', 'trinity'), 'global', true) })
    push({ chatMessage: message('13', '', author('2', 'trinity'), 'global', true) })
    await flush()
    expect(texts()).toEqual(['second'])
    expect(wrapper.findAll('[data-testid=chat-delete]')).toHaveLength(0)
    wrapper.unmount()
  })

  it('lets a moderator delete a message from the page', async () => {
    const { client, calls } = server([], { now: null }, { ...me, role: 'MODERATOR' })
    const wrapper = mountWithApp(ChatPage, { client })
    await flush()
    await wrapper.findAll('[data-testid=chat-delete]')[0].trigger('click')
    await flush()
    expect(calls.at(-1)).toContain('ChatMessageDelete {"input":{"messageId":"10"}}')
    expect(wrapper.findAll('[data-testid=chat-text]').map((t) => t.text())).toEqual(['second'])
    wrapper.unmount()
  })

  it('shows the mute end instead of the input box, live as the mute starts and ends', async () => {
    const muted: { now: Mute } = { now: null }
    const { client, push } = server([], muted)
    const wrapper = mountWithApp(ChatPage, { client })
    await flush()
    expect(wrapper.find('[data-testid=chat-send-form]').exists()).toBe(true)
    expect(wrapper.find('[data-testid=chat-muted]').exists()).toBe(false)
    muted.now = { until: '2030-01-01T12:00:00+00:00', reason: 'flood' }
    const note = (kind: string) => ({ __typename: 'Notification', id: kind, kind, title: '', body: '', data: {}, createdAt: '2026-12-03T10:00:00+00:00', readAt: null })
    push({ notificationReceived: note('chat.muted') })
    await flush()
    expect(wrapper.find('[data-testid=chat-send-form]').exists()).toBe(false)
    const shown = wrapper.get('[data-testid=chat-muted]').text()
    expect(shown).toContain('2030')
    expect(shown).toContain('flood')
    muted.now = null
    push({ notificationReceived: note('chat.unmuted') })
    await flush()
    expect(wrapper.find('[data-testid=chat-muted]').exists()).toBe(false)
    expect(wrapper.find('[data-testid=chat-send-form]').exists()).toBe(true)
    wrapper.unmount()
  })
})
