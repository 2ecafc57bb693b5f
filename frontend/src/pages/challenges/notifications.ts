import type { NotificationKinds } from '@/pages/notifications/kinds'

/** Challenges: one completed (its reward), and a streak milestone (its bonus). */
const kinds: NotificationKinds = {
  'challenge.completed': { title: [], body: ['reward', 'xp'] },
  'challenge.milestone': { title: ['streak'], body: ['streak', 'bonus'] },
}

export default kinds
