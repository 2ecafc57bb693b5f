import { computed, ref } from 'vue'

export interface PageInfoLike {
  hasNextPage: boolean
  endCursor?: string | null
}

/**
 * Cursor bookkeeping for "Load more" over a Relay connection. Each page is its own query
 * (a child component with its own `after`), so every page stays in the urql cache.
 */
export function usePageCursors() {
  const cursors = ref<(string | null)[]>([null])
  const infos = ref<Record<number, PageInfoLike>>({})

  const last = computed(() => infos.value[cursors.value.length - 1])
  const hasMore = computed(() => !!last.value?.hasNextPage && !!last.value.endCursor)
  /** True while the newest page has not answered yet. */
  const loading = computed(() => !last.value)

  function report(index: number, info: PageInfoLike) {
    infos.value = { ...infos.value, [index]: info }
  }

  function loadMore() {
    if (hasMore.value && last.value?.endCursor) cursors.value = [...cursors.value, last.value.endCursor]
  }

  return { cursors, hasMore, loading, report, loadMore }
}
