import { useI18n } from 'vue-i18n'
import { useFormat } from '@/composables/useFormat'
import type { QuestFieldsFragment } from '@/gql/graphql'

type Named = Pick<QuestFieldsFragment, 'key' | 'title' | 'description'>

/** Quest texts: the starter quests are translated by key; admins' own quests show as written. */
export function useQuestText() {
  const { t, te } = useI18n()
  const fmt = useFormat()
  const title = (q: Named) => (te(`quests.content.${q.key}.title`) ? t(`quests.content.${q.key}.title`) : q.title)
  const description = (q: Named) =>
    te(`quests.content.${q.key}.description`) ? t(`quests.content.${q.key}.description`) : q.description
  const kind = (name: string) => {
    const key = `quests.kinds.${name.replace(/\./g, '_')}`
    return te(key) ? t(key) : name
  }
  const reward = (q: Pick<QuestFieldsFragment, 'reward'>) => {
    const r = q.reward
    const parts: string[] = []
    if (r.currency && Number(r.amount) > 0) parts.push(fmt.amount(r.amount, r.currency))
    if (r.xp > 0) parts.push(t('quests.xp', { n: r.xp }))
    if (r.item && r.itemQuantity > 0) parts.push(`${r.itemQuantity} × ${r.item.name}`)
    return parts.join(' · ')
  }
  return { title, description, kind, reward }
}
