import type { HomeCard } from '@/pages/home/nextUp'

export default { order: 25, card: () => import('./components/QuestsHomeCard.vue') } satisfies HomeCard
