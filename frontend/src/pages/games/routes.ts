import type { RouteRecordRaw } from 'vue-router'

export default [
  {
    path: '/games',
    name: 'games',
    component: () => import('./GamesPage.vue'),
    meta: { auth: true, title: 'nav.games', nav: { group: 'main', order: 72, icon: 'M6 9h4M8 7v4m7-1h.01M18 8h.01M7 4h10a5 5 0 0 1 5 5v4a5 5 0 0 1-9 3h-2a5 5 0 0 1-9-3V9a5 5 0 0 1 5-5z' } },
  },
  { path: '/games/:id', name: 'game', component: () => import('./GamePage.vue'), props: true, meta: { auth: true, title: 'nav.games' } },
] satisfies RouteRecordRaw[]
