import { compact } from './compact'
import type { AnalyticsClient, Properties } from './types'

/** One call as the memory recorder keeps it. */
export type MemoryCall =
  | { type: 'track'; event: string; properties: Properties }
  | { type: 'identify'; userId?: string; anonymousId?: string; traits: Properties }

/** An {@link AnalyticsClient} that keeps every call in order, in memory. Nothing leaves the page. */
export interface MemoryAnalytics extends AnalyticsClient {
  /** Every call received, oldest first. */
  readonly calls: MemoryCall[]
  /** The event names of the track calls, in order. */
  events(): string[]
  clear(): void
  /** Called with each new call, and with `null` after clear(). Returns an unsubscribe function. */
  subscribe(listener: (call: MemoryCall | null) => void): () => unknown
}

/**
 * A recorder client: the client to assert on in tests, and the one to show in the event log.
 *
 * @example
 * import { createMemoryAnalytics } from 'react-copilot-analytics/testing'
 * const analytics = createMemoryAnalytics()
 * render(<CopilotAnalyticsProvider analytics={analytics}>...</CopilotAnalyticsProvider>)
 * expect(analytics.events()).toEqual(['Conversation Started', 'Message Sent'])
 */
export function createMemoryAnalytics(): MemoryAnalytics {
  const calls: MemoryCall[] = []
  const listeners = new Set<(call: MemoryCall | null) => void>()
  const record = (call: MemoryCall | null) => {
    if (call) calls.push(call)
    listeners.forEach((listener) => listener(call))
  }
  return {
    calls,
    track: (event, properties) => record({ type: 'track', event, properties: { ...properties } }),
    identify: (userId, traits, options) =>
      record(compact({ type: 'identify', userId: userId || undefined, anonymousId: options?.anonymousId, traits: { ...traits } }) as MemoryCall),
    events: () => calls.flatMap((call) => (call.type === 'track' ? [call.event] : [])),
    clear() {
      calls.length = 0
      record(null)
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
