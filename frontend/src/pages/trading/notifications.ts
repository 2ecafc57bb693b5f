import type { NotificationKinds } from '@/pages/notifications/kinds'

/** This domain's notification kinds and the data fields their messages need (texts in i18n/). */
const kinds: NotificationKinds = {
  'trade.offered': { title: [], body: ['from_username'] },
  'trade.accepted': { title: [], body: ['by_username'] },
  'trade.declined': { title: [], body: ['by_username'] },
  'trade.countered': { title: [], body: ['by_username'] },
  'trade.expired': { title: [] },
}

export default kinds
