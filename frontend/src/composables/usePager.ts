import { computed, ref, type Ref } from 'vue'

export interface PageInfoLike {
  hasNextPage: boolean
  endCursor?: string | null
}

/**
 * "Load more" over a Relay connection: owns the query's `after` variable (pass `pager.after`
 * in the variables, then `pager.follow(...)` the connection's pageInfo). The cache's
 * relayPagination merges every page loaded so far into one list.
 */
export function usePager() {
  const after = ref<string | null>(null)
  // Set by follow() during setup, before anything reads them.
  let info: () => PageInfoLike | null | undefined = () => null
  let fetching: Ref<boolean> = ref(false)
  const hasMore = computed(() => {
    const page = info()
    return !!page?.hasNextPage && !!page.endCursor
  })
  /** The page asked for last has not arrived yet (the merged list still ends where it did). */
  const loading = computed(() => fetching.value && after.value !== null && info()?.endCursor === after.value)
  function follow(pageInfo: () => PageInfoLike | null | undefined, busy: Ref<boolean>) {
    info = pageInfo
    fetching = busy
  }
  function more() {
    const cursor = info()?.endCursor
    if (hasMore.value && cursor) after.value = cursor
  }
  return { after, hasMore, loading, follow, more }
}
