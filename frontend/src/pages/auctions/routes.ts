import type { RouteRecordRaw } from 'vue-router'

export default [
  {
    path: '/auctions',
    name: 'auctions',
    component: () => import('./AuctionsPage.vue'),
    meta: { auth: true, title: 'nav.auctions', nav: { group: 'main', order: 34, icon: 'M14 4l6 6-3 3-6-6zM4 20l7-7M11 7l6 6M3 21h9' } },
  },
  {
    path: '/auctions/:id',
    name: 'auction',
    component: () => import('./AuctionPage.vue'),
    props: true,
    meta: { auth: true, title: 'nav.auctions' },
  },
] satisfies RouteRecordRaw[]
