import type { Router } from 'vue-router'

/** Registers the service worker (app shell cache) once the router is ready; production only. */
export function registerPwa(router: Router) {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return
  void router.isReady().then(async () => {
    const { registerSW } = await import('virtual:pwa-register')
    registerSW({ immediate: true })
  })
}
