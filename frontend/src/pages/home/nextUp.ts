import type { Component } from 'vue'

/**
 * What to do next, on the home page: a domain adds `src/pages/<domain>/home.ts` default-exporting
 * `{ order, card }` (the card imported lazily); nothing here changes. A card renders nothing when
 * its domain has nothing to suggest.
 */
export interface HomeCard {
  order: number
  card: () => Promise<Component | { default: Component }>
}

const modules = import.meta.glob<HomeCard>('../*/home.ts', { eager: true, import: 'default' })

export const homeCards: { key: string; card: HomeCard['card'] }[] = Object.entries(modules)
  .sort(([a, x], [b, y]) => x.order - y.order || a.localeCompare(b))
  .map(([path, entry]) => ({ key: path.split('/')[1], card: entry.card }))
