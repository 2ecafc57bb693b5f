import type { RouteRecordRaw } from 'vue-router'

export default [
  {
    path: '/progress',
    name: 'progression',
    component: () => import('./ProgressionPage.vue'),
    meta: { auth: true, title: 'nav.progression', nav: { group: 'main', order: 12, icon: 'M12 3l2.7 5.6 6.1.9-4.4 4.3 1 6.1L12 17l-5.4 2.9 1-6.1-4.4-4.3 6.1-.9z' } },
  },
] satisfies RouteRecordRaw[]
