import type { RouteRecordRaw } from 'vue-router'

export default [
  {
    path: '/challenges',
    name: 'challenges',
    component: () => import('./ChallengesPage.vue'),
    meta: { auth: true, title: 'nav.challenges', nav: { group: 'main', order: 15, icon: 'M12 2a10 10 0 1 0 10 10h-2a8 8 0 1 1-8-8zm0 4a6 6 0 1 0 6 6h-2a4 4 0 1 1-4-4zm0 4a2 2 0 1 0 2 2h6V2h-2v6.6L13.4 10.2A2 2 0 0 0 12 10z' } },
  },
] satisfies RouteRecordRaw[]
