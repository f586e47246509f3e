/**
 * The chat views of a page, for an adapter's remount hand-over: which mounted views show each
 * chat, and what a view of a chat left as it unmounted, kept until the next microtask so that a view
 * of the same chat that mounts meanwhile (a `key` change, a remounted provider or route) continues
 * it: its held or streaming reply was live in this page, not history. One per adapter module;
 * `enter` and `leave` are called from a layout effect and its cleanup, which run in the commit that
 * mounts or unmounts a view, before the microtask.
 *
 * @example
 * const views = createViewHandOver<ReplyLifecycle>()
 * // in a layout effect of the view showing `chat` (it showed `before` until now):
 * const left = views.enter(chat, lifecycle, before)
 * if (left) lifecycle.resume(left.detach())
 * return () => views.leave(chat, lifecycle)
 */
export function createViewHandOver<T>() {
  const shown = new Map<string, Set<T>>()
  const leaving = new Map<string, T>()
  return {
    /** Whether a mounted view shows the chat: a view that unmounts then leaves its reply to that one. */
    shows: (chat: string) => !!shown.get(chat)?.size,
    /**
     * The view holding `mine` shows `chat`, after `before`: returns what another view of the chat
     * left as it unmounted, to continue. What `mine` left for `before` is taken back: the view did
     * not unmount, it opened another chat (which reports the previous chat's reply itself).
     */
    enter(chat: string, mine: T, before: string): T | undefined {
      if (leaving.get(before) === mine) leaving.delete(before)
      shown.set(chat, (shown.get(chat) ?? new Set()).add(mine))
      const left = leaving.get(chat)
      leaving.delete(chat)
      return left === mine ? undefined : left
    },
    /**
     * Another mounted view of `chat` than `mine`, if any: a view that opens beside it continues from
     * its state, so that a reply live in the page is not taken for history (and then lost when the
     * first view closes before it ends).
     */
    peer: (chat: string, mine: T): T | undefined => [...(shown.get(chat) ?? [])].find((view) => view !== mine),
    /** The view holding `mine` no longer shows `chat` (it unmounts, or opens another chat). */
    leave(chat: string, mine: T): void {
      const views = shown.get(chat)
      views?.delete(mine)
      if (!views?.size) shown.delete(chat)
      leaving.set(chat, mine)
      queueMicrotask(() => leaving.get(chat) === mine && leaving.delete(chat))
    },
  }
}
