import type { RouteRecordRaw } from 'vue-router'

export default [
  {
    path: '/referrals',
    name: 'referrals',
    component: () => import('./ReferralsPage.vue'),
    meta: { auth: true, title: 'nav.referrals', nav: { group: 'main', order: 38, icon: 'M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-7 10a7 7 0 0 1 14 0M19 8v6m-3-3h6' } },
  },
  {
    path: '/referrals/review',
    name: 'referrals-review',
    component: () => import('./ReferralsReviewPage.vue'),
    meta: { auth: true, role: 'MODERATOR', title: 'nav.referralsReview', nav: { group: 'main', order: 86, icon: 'M12 3 4 6v6c0 5 3.5 8 8 9 4.5-1 8-4 8-9V6zm-3 9 2 2 4-4' } },
  },
] satisfies RouteRecordRaw[]
