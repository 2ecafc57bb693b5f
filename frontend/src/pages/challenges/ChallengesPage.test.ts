import { describe, expect, it } from 'vitest'
import type { Operation } from '@urql/core'
import ChallengesPage from '@/pages/challenges/ChallengesPage.vue'
import ChallengesHomeCard from '@/pages/challenges/components/ChallengesHomeCard.vue'
import ru from '@/pages/challenges/i18n/ru.json'
import { timeLeft } from '@/pages/challenges/timeLeft'
import { flush, mountWithApp, scriptedClient } from '../../../tests/helpers'

const opName = (op: Operation) => op.query.definitions.map((d) => ('name' in d ? d.name?.value : '')).find(Boolean)
const challenge = (id: number, period: string, kind: string, goal: number, progress: number, secondsLeft: number) => ({
  __typename: 'Challenge', id: String(id), period, kind, title: kind, goal, progress, status: progress >= goal ? 'COMPLETED' : 'ACTIVE',
  completed: progress >= goal, reward: 20, xpReward: 25, expiresAt: '2026-12-04T00:00:00+00:00', secondsLeft,
})
const streak = (period: string, current: number) => ({ __typename: 'ChallengeStreak', period, current, best: current + 1, nextMilestone: 7, nextBonus: 200 })

function server(dailyDone: boolean) {
  return scriptedClient((op) => {
    if (opName(op) !== 'MyChallenges') return {}
    return {
      challenges: [
        challenge(1, 'DAILY', 'daily', 1, dailyDone ? 1 : 0, 3 * 3600 + 120),
        challenge(2, 'DAILY', 'payments', 2, dailyDone ? 2 : 1, 3 * 3600 + 120),
        challenge(3, 'DAILY', 'gifts', 1, dailyDone ? 1 : 0, 3 * 3600 + 120),
        ...['payments', 'gifts', 'daily', 'trades', 'bank'].map((k, i) => challenge(10 + i, 'WEEKLY', k, 8, 3, 4 * 86400 + 7200)),
        ...['payments', 'gifts', 'daily'].map((k, i) => challenge(20 + i, 'MONTHLY', k, 25, 5, 20 * 86400)),
      ],
      daily: streak('DAILY', 2),
      weekly: streak('WEEKLY', 0),
      monthly: streak('MONTHLY', 0),
    }
  })
}

describe('ChallengesPage', () => {
  it('shows three groups with progress, time left and the streaks, in Russian', async () => {
    const { client } = server(false)
    const wrapper = mountWithApp(ChallengesPage, { client })
    await flush()
    expect(wrapper.findAll('[data-testid=challenge]')).toHaveLength(11)
    expect(wrapper.get('[data-testid=group-DAILY]').findAll('[data-testid=challenge]')).toHaveLength(3)
    expect(wrapper.get('[data-testid=group-WEEKLY]').findAll('[data-testid=challenge]')).toHaveLength(5)
    expect(wrapper.get('[data-testid=group-MONTHLY]').findAll('[data-testid=challenge]')).toHaveLength(3)
    expect(wrapper.get('[data-testid=group-DAILY]').text()).toContain(ru.challenges.periods.DAILY)
    expect(wrapper.get('[data-testid=group-DAILY] [data-testid=time-left]').text()).toContain('3 ч 2 мин')
    expect(wrapper.get('[data-testid=group-WEEKLY] [data-testid=time-left]').text()).toContain('4 д 2 ч')
    expect(wrapper.get('[data-kind=payments] [data-testid=challenge-progress]').text()).toBe('1 / 2')
    expect(wrapper.text()).toContain(ru.challenges.kinds.payments)
    expect(wrapper.get('[data-testid=streak-DAILY]').text()).toContain('Дней подряд: 2')
    expect(wrapper.get('[data-testid=challenges-summary]').text()).toBe('Пройдено 0 из 11')
    wrapper.unmount()
  })

  it('marks completed challenges', async () => {
    const { client } = server(true)
    const wrapper = mountWithApp(ChallengesPage, { client })
    await flush()
    const daily = wrapper.get('[data-testid=group-DAILY]').findAll('[data-testid=challenge]')
    expect(daily.map((c) => c.attributes('data-completed'))).toEqual(['true', 'true', 'true'])
    expect(wrapper.get('[data-testid=challenges-summary]').text()).toBe('Пройдено 3 из 11')
    wrapper.unmount()
  })

  it('the home card suggests the day\'s open challenges and hides when all are done', async () => {
    const open = mountWithApp(ChallengesHomeCard, { client: server(false).client })
    await flush()
    expect(open.get('[data-testid=home-next-challenges]').text()).toContain('3')
    open.unmount()
    const finished = mountWithApp(ChallengesHomeCard, { client: server(true).client })
    await flush()
    expect(finished.find('[data-testid=home-next-challenges]').exists()).toBe(false)
    finished.unmount()
  })

  it('words time left in two units', () => {
    expect(timeLeft(2 * 86400 + 5 * 3600 + 59)).toMatchObject({ key: 'dh', d: 2, h: 5 })
    expect(timeLeft(3 * 3600 + 12 * 60)).toMatchObject({ key: 'hm', h: 3, m: 12 })
    expect(timeLeft(20)).toMatchObject({ key: 'm', m: 1 })
    expect(timeLeft(0)).toMatchObject({ key: 'm', m: 0 })
  })
})
