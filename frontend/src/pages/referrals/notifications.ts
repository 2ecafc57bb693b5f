import type { NotificationKinds } from '@/pages/notifications/kinds'

/** Referrals: what the referrer hears at each step, and the data fields the texts need. */
const kinds: NotificationKinds = {
  'referral.joined': { title: ['username'], body: ['username'] },
  'referral.held': { title: ['username'], body: ['username'] },
  'referral.qualified': { title: ['amount'], body: ['username', 'amount'] },
  'referral.milestone': { title: ['milestone'], body: ['milestone', 'amount'] },
  'referral.approved': { title: ['username'], body: ['username'] },
  'referral.rejected': { title: ['username'], body: ['username'] },
}

export default kinds
