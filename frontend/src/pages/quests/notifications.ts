import type { NotificationKinds } from '@/pages/notifications/kinds'

/** Quests: the completion notice and the data fields its texts need (texts in i18n/). */
const kinds: NotificationKinds = {
  'quest.completed': { title: ['title'], body: ['title'] },
}

export default kinds
