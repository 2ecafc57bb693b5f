import type { NotificationKinds } from '@/pages/notifications/kinds'

/** Leaderboards send no notifications. */
const kinds: NotificationKinds = {}

export default kinds
