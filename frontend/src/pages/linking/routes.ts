import type { RouteRecordRaw } from 'vue-router'

export default [
  {
    path: '/settings/telegram',
    name: 'linking',
    component: () => import('./LinkingPage.vue'),
    meta: { auth: true, title: 'nav.linking', nav: { group: 'main', order: 89, icon: 'M21 4 3 11l6 2 2 6 3-4 5 4zM9 13l12-9' } },
  },
] satisfies RouteRecordRaw[]
