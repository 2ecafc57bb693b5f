import { describe, expect, it } from 'vitest'
import AchievementHomeCard from '@/pages/achievements/components/AchievementHomeCard.vue'
import { flush, mountWithApp, scriptedClient } from '../../../../tests/helpers'

const row = (key: string, progress: number, goal: number | null, over: Record<string, unknown> = {}) => ({
  __typename: 'Achievement', key, title: key, progress, goal, completed: false, hidden: false, requires: null, ...over,
})

describe('AchievementHomeCard', () => {
  it('suggests the started achievement closest to its goal, and nothing when none is started', async () => {
    const list = [row('shopper', 4, 10), row('generous', 1, 10), row('philanthropist', 900, 1000, { requires: { __typename: 'AchievementRequirement', key: 'generous', met: false } }), row('whale', 5, null, { hidden: true })]
    const { client } = scriptedClient(() => ({ achievements: list }))
    const wrapper = mountWithApp(AchievementHomeCard, { client })
    await flush()
    expect(wrapper.get('[data-testid=home-next-achievement]').text()).toContain('Почти получено: shopper')
    wrapper.unmount()
    const empty = mountWithApp(AchievementHomeCard, { client: scriptedClient(() => ({ achievements: [row('shopper', 0, 1)] })).client })
    await flush()
    expect(empty.find('[data-testid=home-next-achievement]').exists()).toBe(false)
    empty.unmount()
  })
})
