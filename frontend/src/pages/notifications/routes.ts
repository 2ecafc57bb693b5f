import type { RouteRecordRaw } from 'vue-router'

export default [
  {
    path: '/notifications',
    name: 'notifications',
    component: () => import('./NotificationsPage.vue'),
    meta: { auth: true, title: 'nav.notifications', nav: { group: 'main', order: 60, icon: 'M6 16v-5a6 6 0 1 1 12 0v5l2 2H4zm4 4h4' } },
  },
] satisfies RouteRecordRaw[]
