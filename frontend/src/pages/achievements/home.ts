import type { HomeCard } from '@/pages/home/nextUp'

export default { order: 14, card: () => import('./components/AchievementHomeCard.vue') } satisfies HomeCard
