import type { RouteRecordRaw } from 'vue-router'

export default [
  {
    path: '/events',
    name: 'seasonal',
    component: () => import('./SeasonalPage.vue'),
    meta: { auth: true, title: 'nav.seasonal', nav: { group: 'main', order: 16, icon: 'M12 2v20M2 12h20M5 5l14 14M19 5 5 19' } },
  },
] satisfies RouteRecordRaw[]
