import type { NotificationKinds } from '@/pages/notifications/kinds'

/** This domain's notification kinds and the data fields their messages need (texts in i18n/). */
const kinds: NotificationKinds = {
  'ingestion.credited': { title: ['amount', 'source'] },
  'ingestion.rejected': { title: [] },
  'ingestion.nickname_approved': { title: ['nickname'] },
  'ingestion.nickname_rejected': { title: ['nickname'] },
  'ingestion.nickname_lost': { title: ['nickname'] },
}

export default kinds
