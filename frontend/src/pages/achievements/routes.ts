import type { RouteRecordRaw } from 'vue-router'

export default [
  {
    path: '/achievements',
    name: 'achievements',
    component: () => import('./AchievementsPage.vue'),
    meta: { auth: true, title: 'nav.achievements', nav: { group: 'main', order: 13, icon: 'M7 3h10v4a5 5 0 0 1-10 0zM7 5H4a3 3 0 0 0 3 4M17 5h3a3 3 0 0 1-3 4M12 12v4M8 21h8M9 16h6v5H9z' } },
  },
] satisfies RouteRecordRaw[]
