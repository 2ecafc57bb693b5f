import type { NotificationKinds } from '@/pages/notifications/kinds'

/** The battle pass: rewards unlocked by a level, and a season's end with the final level. */
const kinds: NotificationKinds = {
  'battlepass.reward': { title: ['level'], body: ['coins', 'items'] },
  'battlepass.season_ended': { title: ['season'], body: ['season', 'level'] },
}

export default kinds
