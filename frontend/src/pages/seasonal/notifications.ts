import type { NotificationKinds } from '@/pages/notifications/kinds'

/** Seasonal events: opened, closed, and unused event currency converted to COIN. */
const kinds: NotificationKinds = {
  'seasonal.started': { title: ['name'], body: ['currency'] },
  'seasonal.ended': { title: ['name'], body: [] },
  'seasonal.converted': { title: ['coins'], body: ['amount', 'currency', 'name', 'coins'] },
}

export default kinds
