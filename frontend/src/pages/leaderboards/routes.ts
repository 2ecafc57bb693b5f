import type { RouteRecordRaw } from 'vue-router'

export default [
  {
    path: '/top',
    name: 'leaderboards',
    component: () => import('./LeaderboardPage.vue'),
    meta: { title: 'nav.leaderboards', nav: { group: 'main', order: 40, icon: 'M8 21h8M12 17v4M7 4h10v5a5 5 0 0 1-10 0zM7 6H4a3 3 0 0 0 3 4M17 6h3a3 3 0 0 1-3 4' } },
  },
] satisfies RouteRecordRaw[]
