import type { NotificationKinds } from '@/pages/notifications/kinds'

/** Levels, loyalty tiers and the daily bonus: notification kinds and the data their texts need. */
const kinds: NotificationKinds = {
  'progression.level_up': { title: ['level'], body: ['level'] },
  'progression.tier_up': { title: ['tier'], body: ['tier'] },
  'daily.milestone': { title: ['streak'], body: ['streak', 'milestone'] },
}

export default kinds
