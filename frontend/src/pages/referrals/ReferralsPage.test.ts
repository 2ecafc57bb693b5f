import { describe, expect, it } from 'vitest'
import type { Operation } from '@urql/core'
import ReferralsPage from '@/pages/referrals/ReferralsPage.vue'
import ReferralsReviewPage from '@/pages/referrals/ReferralsReviewPage.vue'
import ru from '@/pages/referrals/i18n/ru.json'
import { flush, mountWithApp, scriptedClient } from '../../../tests/helpers'

const opName = (op: Operation) => op.query.definitions.map((d) => ('name' in d ? d.name?.value : '')).find(Boolean)
const user = (id: string, username: string) => ({ __typename: 'PublicUser', id, username })
const referral = (id: string, username: string, status: string, holdReason: string | null = null) => ({
  __typename: 'Referral', id, status, holdReason, reward: status === 'QUALIFIED' ? 200 : 0, createdAt: '2026-12-01T10:00:00Z',
  qualifiedAt: null, reviewReason: null, user: user(`u${id}`, username), referrer: user('u1', 'alice'),
})

function server(referrer: unknown, apply: () => unknown = () => ({}), createdAt = new Date().toISOString()) {
  return scriptedClient((op) => {
    switch (opName(op)) {
      case 'MyReferrals':
        return {
          me: { __typename: 'User', id: 'u1', createdAt },
          myReferralCode: { __typename: 'ReferralCode', code: 'ABCD2345' },
          myReferralStats: {
            __typename: 'ReferralStats', pending: 1, qualified: 1, held: 1, rejected: 0, earned: 200, reward: 200, qualifyingLevel: 10,
            milestones: [5, 10, 25, 50].map((count) => ({ __typename: 'ReferralMilestone', count, bonus: count * 100, reached: false })),
          },
          myReferrals: [referral('3', 'carol', 'HELD', 'SAME_CLIENT'), referral('2', 'bob', 'QUALIFIED')],
          myReferrer: referrer,
        }
      case 'ReferralApply':
        return apply()
      case 'ReferralsHeld':
        return { referralsHeld: { __typename: 'ReferralConnection', edges: [{ __typename: 'ReferralEdge', cursor: 'c', node: referral('3', 'carol', 'HELD', 'VALUE_BACK') }], pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null } } }
      default:
        return {}
    }
  })
}

describe('ReferralsPage', () => {
  it('shows the code with its link, the milestones and each referral with its status', async () => {
    const { client } = server(null)
    const wrapper = mountWithApp(ReferralsPage, { client })
    await flush()
    expect(wrapper.get('[data-testid=referral-code]').text()).toBe('ABCD2345')
    expect(wrapper.get('[data-testid=referral-link]').text()).toContain('/signup?ref=ABCD2345')
    expect(wrapper.findAll('[data-testid=referral-milestones] li')).toHaveLength(4)
    const rows = wrapper.findAll('[data-testid=referrals-list] li')
    expect(rows.map((r) => r.attributes('data-username'))).toEqual(['carol', 'bob'])
    expect(rows[0].text()).toContain(ru.referrals.status.HELD)
    expect(rows[1].text()).toContain(ru.referrals.status.QUALIFIED)
    expect(wrapper.find('[data-testid=referral-apply]').exists()).toBe(true)
    wrapper.unmount()
  })

  it('applies a friend\'s code and shows a refusal translated', async () => {
    const { client, calls } = server(null, () => ({
      referralApply: { __typename: 'ReferralPayload', referral: null, errors: [{ __typename: 'ReferralError', code: 'NOT_NEW_ACCOUNT', field: 'code', message: 'server text' }] },
    }))
    const wrapper = mountWithApp(ReferralsPage, { client })
    await flush()
    await wrapper.get('[data-testid=apply-code] input').setValue('zzzz2222')
    await wrapper.get('[data-testid=referral-apply] form').trigger('submit')
    await flush()
    expect(calls.filter((c) => c.startsWith('ReferralApply'))).toHaveLength(1)
    expect(wrapper.get('[data-testid=apply-error]').text()).toBe(ru.errors.ReferralErrorCode.NOT_NEW_ACCOUNT)
    wrapper.unmount()
  })

  it('shows who referred the player instead of the form', async () => {
    const { client } = server(referral('9', 'me', 'PENDING'))
    const wrapper = mountWithApp(ReferralsPage, { client })
    await flush()
    expect(wrapper.get('[data-testid=my-referrer]').text()).toContain('alice')
    expect(wrapper.find('[data-testid=referral-apply]').exists()).toBe(false)
    wrapper.unmount()
  })
})

describe('ReferralsPage for an old account', () => {
  it('offers no code form after the first 24 hours', async () => {
    const { client } = server(null, () => ({}), '2020-01-01T00:00:00Z')
    const wrapper = mountWithApp(ReferralsPage, { client })
    await flush()
    expect(wrapper.get('[data-testid=referral-code]').text()).toBe('ABCD2345')
    expect(wrapper.find('[data-testid=referral-apply]').exists()).toBe(false)
    wrapper.unmount()
  })
})

describe('ReferralsReviewPage', () => {
  it('lists held referrals with their reason', async () => {
    const { client } = server(null)
    const wrapper = mountWithApp(ReferralsReviewPage, { client })
    await flush()
    const rows = wrapper.findAll('[data-testid=held-list] li')
    expect(rows).toHaveLength(1)
    expect(rows[0].text()).toContain(ru.referrals.holdReason.VALUE_BACK)
    wrapper.unmount()
  })
})
