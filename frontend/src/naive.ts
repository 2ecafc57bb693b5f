import { markRaw, shallowRef, type Component } from 'vue'

/**
 * Naive UI is loaded with the first page that uses it: the sign-in and sign-up pages and the
 * signed-out header are plain elements (route meta `plain`), so a new visitor's first page loads
 * none of the component library (docs/decisions/014-first-paint.md).
 */
export const naiveRoot = shallowRef<Component | null>(null)
let loading: Promise<void> | null = null

export function loadNaive(): Promise<void> {
  loading ??= import('@/components/layout/NaiveRoot.vue').then((module) => {
    naiveRoot.value = markRaw(module.default)
  })
  return loading
}
