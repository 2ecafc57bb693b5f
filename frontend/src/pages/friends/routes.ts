import type { RouteRecordRaw } from 'vue-router'

export default [
  {
    path: '/friends',
    name: 'friends',
    component: () => import('./FriendsPage.vue'),
    meta: { auth: true, title: 'nav.friends', nav: { group: 'main', order: 38, icon: 'M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-7 10v-1a6 6 0 0 1 12 0v1M17 11a3 3 0 1 0 0-6M22 21v-1a5 5 0 0 0-4-4.9' } },
  },
] satisfies RouteRecordRaw[]
