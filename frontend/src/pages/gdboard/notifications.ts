import type { NotificationKinds } from '@/pages/notifications/kinds'

/** This domain's notification kinds and the data fields their messages need (texts in i18n/). */
const kinds: NotificationKinds = {
  'gdboard.approved': { title: ['level'], body: ['position', 'points'] },
  'gdboard.rejected': { title: ['level'], body: ['reason'] },
}

export default kinds
