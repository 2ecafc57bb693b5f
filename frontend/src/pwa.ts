import type { Router } from 'vue-router'
import { afterFirstPage } from '@/utils/idle'

/**
 * Registers the service worker (app shell cache) once the first page has rendered and the browser
 * is idle, so its precaching does not compete with the first visit; production only.
 */
export function registerPwa(router: Router) {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return
  void router.isReady().then(() => afterFirstPage(() => {
    void import('virtual:pwa-register').then(({ registerSW }) => registerSW({ immediate: true }))
  }))
}
