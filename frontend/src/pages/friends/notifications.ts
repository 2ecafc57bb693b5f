import type { NotificationKinds } from '@/pages/notifications/kinds'

/** This domain's notification kinds and the data fields their messages need (texts in i18n/). */
const kinds: NotificationKinds = {
  'friend.request': { title: ['from_username'], body: [] },
  'friend.accepted': { title: ['by_username'], body: [] },
}

export default kinds
