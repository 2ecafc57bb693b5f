import type { RouteRecordRaw } from 'vue-router'

export default [
  {
    path: '/pass',
    name: 'battlepass',
    component: () => import('./BattlePassPage.vue'),
    meta: { auth: true, title: 'nav.battlepass', nav: { group: 'main', order: 14, icon: 'M3 8a2 2 0 0 0 2-2h14a2 2 0 0 0 2 2v2a2 2 0 0 0 0 4v2a2 2 0 0 0-2 2H5a2 2 0 0 0-2-2v-2a2 2 0 0 0 0-4zm11-2v12' } },
  },
] satisfies RouteRecordRaw[]
