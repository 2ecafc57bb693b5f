import type { NotificationKinds } from '@/pages/notifications/kinds'

/** Achievements: an unlocked tier, with the reward it paid. */
const kinds: NotificationKinds = {
  'achievement.unlocked': { title: [], body: ['coin', 'xp'] },
}

export default kinds
