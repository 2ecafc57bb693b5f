import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { useAuthStore } from '@/stores/auth'
import { currentClient } from '@/urql/session'
import { MeDocument } from '@/gql/graphql'
import { domainRoutes } from './registry'
import { roleAllows } from './nav'
import { loadNaive } from '@/naive'

export const routes: RouteRecordRaw[] = [
  ...domainRoutes,
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('@/pages/NotFoundPage.vue'), meta: { title: 'app.notFound' } },
]

export function createAppRouter() {
  const router = createRouter({
    history: createWebHistory(),
    routes,
    scrollBehavior: () => ({ top: 0 }),
  })

  router.beforeEach(async (to) => {
    const auth = useAuthStore()
    if (to.meta.auth && !auth.signedIn) {
      return { name: 'signin', query: to.fullPath !== '/' ? { next: to.fullPath } : {} }
    }
    if (to.meta.guest && auth.signedIn) return { name: 'home' }
    if (to.meta.role) {
      const result = await currentClient().query(MeDocument, {}, { requestPolicy: 'cache-first' }).toPromise()
      if (!roleAllows(result.data?.me?.role, to.meta.role)) return { name: 'home' }
    }
    return true
  })
  // Naive UI's providers are in place before a page that uses its components renders.
  router.beforeResolve(async (to) => {
    if (!to.meta.plain) await loadNaive()
  })

  return router
}
