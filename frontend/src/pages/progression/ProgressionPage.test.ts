import { describe, expect, it } from 'vitest'
import type { Operation } from '@urql/core'
import ProgressionPage from '@/pages/progression/ProgressionPage.vue'
import ru from '@/pages/progression/i18n/ru.json'
import { flush, mountWithApp, scriptedClient } from '../../../tests/helpers'

const opName = (op: Operation) => op.query.definitions.map((d) => ('name' in d ? d.name?.value : '')).find(Boolean)
const tier = (name: string, engagement: number, extraGifts: number, dailyBonusPercent: number) => ({ __typename: 'LoyaltyTier', name, engagement, extraGifts, dailyBonusPercent })

function server(claimedToday: boolean, dailyClaim: () => unknown) {
  return scriptedClient((op) => {
    switch (opName(op)) {
      case 'MyProgression':
        return {
          myProgress: {
            __typename: 'Progress', level: 3, xp: 500, levelStartXp: 383, nextLevelXp: 903, claims: 4, engagement: 2700,
            tier: tier('silver', 2000, 2, 10), nextTier: tier('gold', 10000, 5, 25),
            xpToday: [{ __typename: 'XpToday', kind: 'shop.purchase', xp: 20, dailyCap: 100 }],
          },
          myStreak: {
            __typename: 'Streak', current: 6, best: 9, lastDay: '2026-12-02', claimedToday, graceAvailable: true, nextAmount: 38, nextMilestone: 7,
            milestones: [7, 30, 100].map((days) => ({ __typename: 'DailyMilestone', days, bonus: days * 10, reached: false })),
          },
        }
      case 'DailyClaim':
        return dailyClaim()
      default:
        return {}
    }
  })
}

describe('ProgressionPage', () => {
  it('shows the loyalty tier, the level bar, the streak and the milestones', async () => {
    const { client } = server(false, () => ({}))
    const wrapper = mountWithApp(ProgressionPage, { client })
    await flush()
    expect(wrapper.get('[data-testid=tier-name]').text()).toContain(ru.progression.tiers.silver)
    expect(wrapper.get('[data-testid=tier-perks]').text()).toContain('+2')
    expect(wrapper.get('[data-testid=streak-current]').text()).toBe('6')
    expect(wrapper.get('[data-testid=xp-text]').text()).toContain('500')
    expect(wrapper.findAll('[data-testid=milestones] li')).toHaveLength(3)
    expect(wrapper.get('[data-testid=daily-claim]').attributes('disabled')).toBeUndefined()
    wrapper.unmount()
  })

  it('claims once and shows a refusal translated', async () => {
    const { client, calls } = server(false, () => ({
      dailyClaim: { __typename: 'DailyClaimPayload', claim: null, errors: [{ __typename: 'DailyError', code: 'ALREADY_CLAIMED', field: null, message: 'server text' }] },
    }))
    const wrapper = mountWithApp(ProgressionPage, { client })
    await flush()
    await wrapper.get('[data-testid=daily-claim]').trigger('click')
    await flush()
    expect(calls.filter((c) => c.startsWith('DailyClaim'))).toHaveLength(1)
    expect(wrapper.get('[data-testid=form-error]').text()).toBe(ru.errors.DailyErrorCode.ALREADY_CLAIMED)
    wrapper.unmount()
  })

  it('disables the button once today is claimed', async () => {
    const { client } = server(true, () => ({}))
    const wrapper = mountWithApp(ProgressionPage, { client })
    await flush()
    expect(wrapper.get('[data-testid=daily-claim]').attributes('disabled')).toBeDefined()
    expect(wrapper.get('[data-testid=daily-claim]').text()).toBe(ru.progression.claimed)
    wrapper.unmount()
  })
})
