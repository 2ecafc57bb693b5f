import type { RouteRecordRaw } from 'vue-router'

export default [
  {
    path: '/gifts',
    name: 'gifts',
    component: () => import('./GiftsPage.vue'),
    meta: { auth: true, title: 'nav.gifts', nav: { group: 'main', order: 35, icon: 'M4 10h16v10H4zm-1-3h18v3H3zm9 0v13M12 7c-1-3-5-4-5-1s5 1 5 1 5 2 5-1-4-2-5 1' } },
  },
] satisfies RouteRecordRaw[]
