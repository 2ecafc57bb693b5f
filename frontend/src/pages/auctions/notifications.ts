import type { NotificationKinds } from '@/pages/notifications/kinds'

/** This domain's notification kinds and the data fields their messages need (texts in i18n/). */
const kinds: NotificationKinds = {
  'auction.outbid': { title: ['name'], body: ['amount', 'currency'] },
  'auction.won': { title: ['name'], body: ['amount', 'currency'] },
  'auction.sold': { title: ['name'], body: ['amount', 'currency', 'net'] },
  'auction.unsold': { title: ['name'] },
}

export default kinds
