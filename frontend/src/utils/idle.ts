/**
 * Runs `task` once the page has loaded and the browser is idle: work the first page does not need
 * (the service worker, date-picker locales) waits until the first page is up.
 */
export function afterFirstPage(task: () => void): void {
  if (typeof window === 'undefined') return
  const idle = () => {
    if ('requestIdleCallback' in window) window.requestIdleCallback(() => task(), { timeout: 4000 })
    else setTimeout(task, 1000)
  }
  if (document.readyState === 'complete') idle()
  else window.addEventListener('load', idle, { once: true })
}
