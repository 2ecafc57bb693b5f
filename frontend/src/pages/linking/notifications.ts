import type { NotificationKinds } from '@/pages/notifications/kinds'

/** This domain's notification kinds and the data fields their messages need (texts in i18n/). */
const kinds: NotificationKinds = {
  'link.pending': { title: [], body: ['telegram_username'] },
  'link.done': { title: [], body: ['kept_username'] },
}

export default kinds
