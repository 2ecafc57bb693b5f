import type { NotificationKinds } from '@/pages/notifications/kinds'

/** This domain's notification kinds and the data fields their messages need (texts in i18n/). */
const kinds: NotificationKinds = {
  'chat.warning': { title: [], body: [] },
  'chat.muted': { title: [], body: ['until', 'reason'] },
  'chat.unmuted': { title: [], body: [] },
  'chat.dm': { title: ['from'], body: ['preview'] },
}

export default kinds
