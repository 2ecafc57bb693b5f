import type { RouteRecordRaw } from 'vue-router'

export default [
  {
    path: '/tournaments',
    name: 'tournaments',
    component: () => import('./TournamentsPage.vue'),
    meta: { auth: true, title: 'nav.tournaments', nav: { group: 'main', order: 42, icon: 'M3 4h5v5H3zM3 15h5v5H3zM8 6.5h3v11H8M11 12h4M15 9.5h6v5h-6z' } },
  },
  {
    path: '/tournaments/:id',
    name: 'tournament',
    component: () => import('./TournamentPage.vue'),
    props: true,
    meta: { auth: true, title: 'nav.tournaments' },
  },
] satisfies RouteRecordRaw[]
