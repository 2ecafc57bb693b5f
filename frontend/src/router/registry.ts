import type { RouteRecordRaw } from 'vue-router'
import './meta'

/**
 * Every domain's routes: `src/pages/<domain>/routes.ts` default-exports its route records
 * (pages imported lazily). A new domain adds a folder; nothing here changes.
 */
const modules = import.meta.glob<RouteRecordRaw[]>('../pages/*/routes.ts', { eager: true, import: 'default' })

export const domainRoutes: RouteRecordRaw[] = Object.keys(modules)
  .sort()
  .flatMap((path) => modules[path])
