import type { RouteRecordRaw } from 'vue-router'

export default [
  {
    path: '/bank',
    name: 'bank',
    component: () => import('./BankPage.vue'),
    meta: { auth: true, title: 'nav.bank', nav: { group: 'main', order: 36, icon: 'M3 10 12 4l9 6M5 10v8m4-8v8m6-8v8m4-8v8M3 20h18' } },
  },
] satisfies RouteRecordRaw[]
