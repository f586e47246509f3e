import type { MemoryAnalytics, MemoryCall } from '../core/memoryAnalytics'

/** One row of the event log: a recorded call and when the log first saw it. */
export interface EventLogEntry {
  /** Position in `recorder.calls`. */
  index: number
  /** Milliseconds since the epoch. */
  time: number
  /** The track event's name, or `Identify`. */
  name: string
  call: MemoryCall
}

export interface EventLogStore {
  getSnapshot(): readonly EventLogEntry[]
  subscribe(listener: () => void): () => void
}

const stores = new WeakMap<MemoryAnalytics, EventLogStore>()

/**
 * The timestamped view of one recorder, shared by every log showing it. The recorder's call shape
 * is a public contract with no time in it, so the time lives here, keyed by the call object.
 */
export function eventLogStore(recorder: MemoryAnalytics): EventLogStore {
  let store = stores.get(recorder)
  if (store) return store
  const times = new WeakMap<MemoryCall, number>()
  const listeners = new Set<() => void>()
  let snapshot: readonly EventLogEntry[] = []
  const refresh = () => {
    let now: number | undefined
    snapshot = recorder.calls.map((call, index) => {
      let time = times.get(call)
      // Read the clock only for a new call: the first refresh runs during render, where a
      // prerender (Next.js cacheComponents) must not read the time.
      if (time === undefined) {
        now ??= Date.now()
        time = now
        times.set(call, time)
      }
      return { index, time, name: call.type === 'track' ? call.event : 'Identify', call }
    })
    listeners.forEach((listener) => listener())
  }
  // Subscribed once, for the recorder's whole life (the WeakMap lets both go together). It starts
  // when the first log renders, before that commit's effects run, so the chat's first events are
  // stamped with their real time rather than when the log's own effect would subscribe.
  recorder.subscribe(refresh)
  refresh()
  store = {
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
  stores.set(recorder, store)
  return store
}
