/**
 * The chat views of a page, for an adapter's remount hand-over: how many mounted views show each
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
  const shown = new Map<string, number>()
  const leaving = new Map<string, T>()
  return {
    /** Whether a mounted view shows the chat: a view that unmounts then leaves its reply to that one. */
    shows: (chat: string) => !!shown.get(chat),
    /**
     * The view holding `mine` shows `chat`, after `before`: returns what another view of the chat
     * left as it unmounted, to continue. What `mine` left for `before` is taken back: the view did
     * not unmount, it opened another chat (which reports the previous chat's reply itself).
     */
    enter(chat: string, mine: T, before: string): T | undefined {
      if (leaving.get(before) === mine) leaving.delete(before)
      shown.set(chat, (shown.get(chat) ?? 0) + 1)
      const left = leaving.get(chat)
      leaving.delete(chat)
      return left === mine ? undefined : left
    },
    /** The view holding `mine` no longer shows `chat` (it unmounts, or opens another chat). */
    leave(chat: string, mine: T): void {
      const count = shown.get(chat)! - 1
      if (count) shown.set(chat, count)
      else shown.delete(chat)
      leaving.set(chat, mine)
      queueMicrotask(() => leaving.get(chat) === mine && leaving.delete(chat))
    },
  }
}
