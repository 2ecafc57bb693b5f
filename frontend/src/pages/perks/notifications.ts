import type { NotificationKinds } from '@/pages/notifications/kinds'

/** This domain's notification kinds and the data fields their messages need (texts in i18n/). */
const kinds: NotificationKinds = {
  'perk.started': { title: ['name'], body: [] },
  'perk.ended': { title: ['name'], body: [] },
}

export default kinds
