import type { RouteRecordRaw } from 'vue-router'

export default [
  {
    path: '/shop',
    name: 'shop',
    component: () => import('./ShopPage.vue'),
    meta: { auth: true, title: 'nav.shop', nav: { group: 'main', order: 40, icon: 'M5 8h14l-1 12H6zm3 0a4 4 0 0 1 8 0' } },
  },
] satisfies RouteRecordRaw[]
