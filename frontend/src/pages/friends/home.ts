import type { HomeCard } from '@/pages/home/nextUp'

export default { order: 30, card: () => import('./components/FriendsHomeCard.vue') } satisfies HomeCard
