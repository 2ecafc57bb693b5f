import type { NotificationKinds } from '@/pages/notifications/kinds'

/** This domain's notification kinds and the data fields their messages need (texts in i18n/). */
const kinds: NotificationKinds = {
  'wallet.granted': { title: ['amount', 'currency'] },
  'wallet.received': { title: ['amount', 'currency'], body: ['from_username'] },
}

export default kinds
