import { describe, expect, it } from 'vitest'
import type { Operation } from '@urql/core'
import AchievementsPage from '@/pages/achievements/AchievementsPage.vue'
import ru from '@/pages/achievements/i18n/ru.json'
import { flush, mountWithApp, scriptedClient } from '../../../tests/helpers'

const opName = (op: Operation) => op.query.definitions.map((d) => ('name' in d ? d.name?.value : '')).find(Boolean)
const tier = (step: number, name: string | null, goal: number, unlockedAt: string | null) => ({ __typename: 'AchievementTier', step, name, goal, coin: 10 * step, xp: 10 * step, unlockedAt })

function achievement(key: string, over: Record<string, unknown> = {}) {
  return {
    __typename: 'Achievement', key, title: key, description: `${key} text`, unlocked: false, progress: 0, goal: 1, tier: null, tiersUnlocked: 0,
    hidden: false, completed: false, featured: false, reward: 10, unlockedAt: null, tiers: [tier(1, null, 1, null)], requires: null, ...over,
  }
}

const LIST = [
  achievement('shopper', {
    title: 'Покупатель', unlocked: true, progress: 4, goal: 10, tier: 'bronze', tiersUnlocked: 1, unlockedAt: '2026-12-01T10:00:00Z',
    tiers: [tier(1, 'bronze', 1, '2026-12-01T10:00:00Z'), tier(2, 'silver', 10, null), tier(3, 'gold', 50, null)],
  }),
  achievement('philanthropist', { title: 'Меценат', progress: 1000, goal: 1000, requires: { __typename: 'AchievementRequirement', key: 'generous', title: 'Щедрая душа', tier: 'silver', met: false } }),
  achievement('whale', { title: 'Скрытое достижение', hidden: true, goal: null, tiers: [] }),
]

function server(feature: (keys: string[]) => unknown) {
  let featured: string[] = []
  return scriptedClient((op) => {
    switch (opName(op)) {
      case 'MyAchievements':
        return { me: { __typename: 'User', id: '1', username: 'alice' }, achievements: LIST }
      case 'FeaturedAchievements':
        return { featuredAchievements: featured.map((key) => ({ __typename: 'Achievement', key, title: key, tier: null })) }
      case 'AchievementsFeature': {
        const answer = feature((op.variables as { input: { keys: string[] } }).input.keys) as { achievementsFeature: { featured: { key: string }[]; errors: unknown[] } }
        if (answer.achievementsFeature.errors.length === 0) featured = answer.achievementsFeature.featured.map((a) => a.key)
        return answer
      }
      default:
        return {}
    }
  })
}

describe('AchievementsPage', () => {
  it('shows the grid with progress, tiers, a precondition and a hidden one', async () => {
    const { client } = server(() => ({}))
    const wrapper = mountWithApp(AchievementsPage, { client })
    await flush()
    expect(wrapper.get('[data-testid=achievements-summary]').text()).toBe('Получено 1 из 3')
    const cards = wrapper.findAll('[data-testid=achievement]')
    expect(cards).toHaveLength(3)
    expect(cards[0].get('[data-testid=achievement-progress]').text()).toBe('4 / 10')
    expect(cards[0].text()).toContain(ru.achievements.tiers.bronze)
    expect(cards[1].get('[data-testid=achievement-requires]').text()).toBe('Откроется после: Щедрая душа (Серебро)')
    expect(cards[2].text()).toContain(ru.achievements.hiddenProgress)
    expect(wrapper.findAll('[data-testid=feature-toggle]')).toHaveLength(1)
    expect(wrapper.find('[data-testid=featured-empty]').exists()).toBe(true)
    wrapper.unmount()
  })

  it('features an unlocked achievement and shows a refusal translated', async () => {
    let refuse = false
    const { client, calls } = server((keys) => ({
      achievementsFeature: refuse
        ? { __typename: 'AchievementsFeaturePayload', featured: [], errors: [{ __typename: 'AchievementError', code: 'TOO_MANY_FEATURED', field: 'keys', message: 'server text' }] }
        : { __typename: 'AchievementsFeaturePayload', featured: keys.map((key) => ({ __typename: 'Achievement', key, title: 'Покупатель', tier: 'bronze' })), errors: [] },
    }))
    const wrapper = mountWithApp(AchievementsPage, { client })
    await flush()
    await wrapper.get('[data-testid=feature-toggle]').trigger('click')
    await flush()
    expect(calls.filter((c) => c.startsWith('AchievementsFeature'))).toHaveLength(1)
    expect(wrapper.get('[data-testid=featured-item]').text()).toContain('Покупатель')
    refuse = true
    await wrapper.get('[data-testid=feature-toggle]').trigger('click')
    await flush()
    expect(wrapper.get('[data-testid=form-error]').text()).toBe(ru.errors.AchievementErrorCode.TOO_MANY_FEATURED)
    wrapper.unmount()
  })
})
