import type { RouteRecordRaw } from 'vue-router'

export default [
  {
    path: '/market',
    name: 'trading',
    component: () => import('./TradingPage.vue'),
    meta: { auth: true, title: 'nav.trading', nav: { group: 'main', order: 33, icon: 'M7 7h13l-4-4M17 17H4l4 4' } },
  },
] satisfies RouteRecordRaw[]
