import type { HomeCard } from '@/pages/home/nextUp'

export default { order: 45, card: () => import('./components/GamesHomeCard.vue') } satisfies HomeCard
