import type { HomeCard } from '@/pages/home/nextUp'

export default { order: 40, card: () => import('./components/ShopHomeCard.vue') } satisfies HomeCard
