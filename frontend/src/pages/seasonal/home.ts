import type { HomeCard } from '@/pages/home/nextUp'

export default { order: 15, card: () => import('./components/SeasonalHomeCard.vue') } satisfies HomeCard
