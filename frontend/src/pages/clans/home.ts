import type { HomeCard } from '@/pages/home/nextUp'

export default { order: 32, card: () => import('./components/ClansHomeCard.vue') } satisfies HomeCard
