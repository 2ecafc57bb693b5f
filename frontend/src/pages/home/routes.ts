import type { RouteRecordRaw } from 'vue-router'

export default [
  {
    path: '/',
    name: 'home',
    component: () => import('./HomePage.vue'),
    meta: { auth: true, title: 'nav.home', nav: { group: 'main', order: 10, icon: 'M4 11 12 4l8 7v9h-5v-6H9v6H4z' } },
  },
] satisfies RouteRecordRaw[]
