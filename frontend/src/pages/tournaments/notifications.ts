import type { NotificationKinds } from '@/pages/notifications/kinds'

/** This domain's notification kinds and the data fields their messages need (texts in i18n/). */
const kinds: NotificationKinds = {
  'tournament.match_ready': { title: ['name'] },
  'tournament.reminder': { title: ['name'] },
  'tournament.disputed': { title: ['name'] },
  'tournament.prize': { title: ['name', 'place'], body: ['place', 'amount', 'currency'] },
  'tournament.cancelled': { title: ['name'], body: ['amount', 'currency'] },
}

export default kinds
