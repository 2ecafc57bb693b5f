import { describe, expect, it } from 'vitest'
import type { Operation } from '@urql/core'
import BattlePassPage from '@/pages/battlepass/BattlePassPage.vue'
import ru from '@/pages/battlepass/i18n/ru.json'
import { flush, mountWithApp, scriptedClient } from '../../../tests/helpers'

const opName = (op: Operation) => op.query.definitions.map((d) => ('name' in d ? d.name?.value : '')).find(Boolean)

function reward(level: number, track: 'FREE' | 'PREMIUM', claimed: boolean) {
  const item = track === 'FREE' ? level % 25 === 0 : level % 10 === 0
  return {
    __typename: 'BattlePassReward', track, prize: item ? (track === 'FREE' ? 'BADGE' : 'TOKEN') : 'COIN',
    amount: item ? 1 : 10, currency: item ? null : 'COIN', claimed,
    item: item ? { __typename: 'Item', id: '7', name: 'Season 1 token' } : null,
  }
}

function passData(level: number, premium: boolean) {
  return {
    battlePass: {
      __typename: 'BattlePass',
      season: { __typename: 'BattlePassSeason', id: '1', number: 1, startsAt: '2026-12-01T00:00:00+00:00', endsAt: '2027-01-26T00:00:00+00:00', ended: false },
      level, xp: level * 1000 + 400, premium, maxLevel: 100, levelXp: 1000, nextLevelXp: (level + 1) * 1000, premiumPrice: 500, levelPrice: 150,
      track: Array.from({ length: 100 }, (_, i) => ({
        __typename: 'BattlePassLevel', level: i + 1, xp: (i + 1) * 1000, reached: i + 1 <= level,
        free: reward(i + 1, 'FREE', i + 1 <= level), premium: reward(i + 1, 'PREMIUM', premium && i + 1 <= level),
      })),
    },
    battlePassHistory: [{ __typename: 'BattlePassArchived', season: { __typename: 'BattlePassSeason', id: '0', number: 0, endsAt: '2026-12-01T00:00:00+00:00' }, level: 12, xp: 12000, premium: true }],
  }
}

function server(buy: () => unknown) {
  return scriptedClient((op) => {
    switch (opName(op)) {
      case 'BattlePass':
        return passData(3, false)
      case 'BattlePassBuyPremium':
        return buy()
      default:
        return {}
    }
  })
}

async function confirm() {
  await flush()
  const buttons = document.body.querySelectorAll<HTMLButtonElement>('.n-popconfirm__action button')
  buttons[buttons.length - 1].click()
  await flush()
}

describe('BattlePassPage', () => {
  it('shows the season, the level, the 100-level track with claimed rewards and past seasons', async () => {
    const { client } = server(() => ({}))
    const wrapper = mountWithApp(BattlePassPage, { client })
    await flush()
    expect(wrapper.get('[data-testid=bp-season]').text()).toBe('Сезон 1')
    expect(wrapper.get('[data-testid=bp-level]').attributes('data-level')).toBe('3')
    expect(wrapper.get('[data-testid=bp-ends]').text()).toContain('Закончится')
    expect(wrapper.findAll('[data-testid=bp-track] > li')).toHaveLength(100)
    expect(wrapper.get('[data-testid=bp-level-3] [data-testid=bp-free]').attributes('data-claimed')).toBe('true')
    expect(wrapper.get('[data-testid=bp-level-4] [data-testid=bp-free]').attributes('data-claimed')).toBe('false')
    expect(wrapper.get('[data-testid=bp-level-10] [data-testid=bp-premium]').text()).toContain('Season 1 token')
    expect(wrapper.get('[data-testid=bp-history]').text()).toContain('уровень 12')
    wrapper.unmount()
  }, 30_000)

  it('buys premium only after the confirmation and shows a refusal translated', async () => {
    const { client, calls } = server(() => ({
      battlePassBuyPremium: { __typename: 'BattlePassBuyPremiumPayload', battlePass: null, errors: [{ __typename: 'BattlePassError', code: 'INSUFFICIENT_FUNDS', field: 'idempotencyKey', message: 'server text' }] },
    }))
    const wrapper = mountWithApp(BattlePassPage, { client })
    await flush()
    await wrapper.get('[data-testid=bp-buy-premium]').trigger('click')
    await flush()
    expect(calls.filter((c) => c.startsWith('BattlePassBuyPremium'))).toHaveLength(0)
    expect(document.body.textContent).toContain(ru.battlepass.confirmPremium.slice(0, 10))
    await confirm()
    expect(calls.filter((c) => c.startsWith('BattlePassBuyPremium'))).toHaveLength(1)
    expect(wrapper.get('[data-testid=form-error]').text()).toBe(ru.errors.BattlePassErrorCode.INSUFFICIENT_FUNDS)
    wrapper.unmount()
  }, 30_000)
})
