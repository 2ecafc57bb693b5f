import { describe, expect, it } from 'vitest'
import type { Operation } from '@urql/core'
import QuestsPage from '@/pages/quests/QuestsPage.vue'
import ru from '@/pages/quests/i18n/ru.json'
import { flush, mountWithApp, scriptedClient } from '../../../tests/helpers'

const opName = (op: Operation) => op.query.definitions.map((d) => ('name' in d ? d.name?.value : '')).find(Boolean)

function quest(id: string, key: string, status: string | null, extra: Record<string, unknown> = {}) {
  return {
    __typename: 'Quest', id, key, title: key, description: '', type: 'STORY', branch: null, status,
    locked: status === null, closed: false, progress: 0, goal: 2, timesCompleted: 0, acceptedAt: null,
    completedAt: null, expiresAt: null, requires: [],
    objectives: [{ __typename: 'QuestObjective', kind: 'shop.purchase', goal: 2, progress: status === 'ACTIVE' ? 1 : 0 }],
    reward: { __typename: 'QuestReward', currency: 'COIN', amount: 30, xp: 75, itemQuantity: 0, item: null },
    ...extra,
  }
}

function server(accept: () => unknown) {
  return scriptedClient((op) => {
    switch (opName(op)) {
      case 'Quests':
        return {
          quests: [
            quest('1', 'first-steps', 'AVAILABLE'),
            quest('2', 'window-shopping', 'ACTIVE'),
            quest('3', 'generous-soul', null, { requires: ['2'] }),
          ],
        }
      case 'QuestAccept':
        return accept()
      default:
        return {}
    }
  })
}

describe('QuestsPage', () => {
  it('shows the available quests translated, the locked ones with what they require, and progress', async () => {
    const { client } = server(() => ({}))
    const wrapper = mountWithApp(QuestsPage, { client })
    await flush()
    const available = wrapper.get('[data-testid=quests-available]')
    expect(available.text()).toContain(ru.quests.content['first-steps'].title)
    expect(available.text()).toContain('30')
    const locked = wrapper.get('[data-testid=quests-locked]')
    expect(locked.text()).toContain(ru.quests.content['window-shopping'].title)
    expect(wrapper.text()).toContain(`${ru.quests.tabs.active} 1`)
    wrapper.unmount()
  })

  it('accepts once and shows a refusal translated', async () => {
    const { client, calls } = server(() => ({
      questAccept: { __typename: 'QuestAcceptPayload', quest: null, errors: [{ __typename: 'QuestError', code: 'BRANCH_CLOSED', field: 'questId', message: 'server text' }] },
    }))
    const wrapper = mountWithApp(QuestsPage, { client })
    await flush()
    await wrapper.get('[data-testid=quest-accept]').trigger('click')
    await flush()
    expect(calls.filter((c) => c.startsWith('QuestAccept'))).toHaveLength(1)
    expect(wrapper.get('[data-testid=form-error]').text()).toBe(ru.errors.QuestErrorCode.BRANCH_CLOSED)
    wrapper.unmount()
  })
})
