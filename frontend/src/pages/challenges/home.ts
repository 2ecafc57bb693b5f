import type { HomeCard } from '@/pages/home/nextUp'

export default { order: 12, card: () => import('./components/ChallengesHomeCard.vue') } satisfies HomeCard
