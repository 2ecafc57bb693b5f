import type { RouteRecordRaw } from 'vue-router'

export default [
  {
    path: '/history',
    name: 'history',
    component: () => import('./HistoryPage.vue'),
    meta: { auth: true, title: 'nav.history', nav: { group: 'main', order: 20, icon: 'M12 7v5l3 2M3 12a9 9 0 1 0 3-6.7M3 4v4h4' } },
  },
  {
    path: '/pay',
    name: 'pay',
    component: () => import('./PayPage.vue'),
    meta: { auth: true, title: 'nav.pay', nav: { group: 'main', order: 30, icon: 'M4 12h14m-5-5 5 5-5 5' } },
  },
] satisfies RouteRecordRaw[]
