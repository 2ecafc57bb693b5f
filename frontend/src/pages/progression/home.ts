import type { HomeCard } from '@/pages/home/nextUp'

export default { order: 10, card: () => import('./components/DailyHomeCard.vue') } satisfies HomeCard
