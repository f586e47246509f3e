import { getDefaultKeyStore } from '../core/keyStore'
import { keyPartsOf, revisionKey } from '../core/keys'
import type { MessageIds } from '../core/options'
import type { CopilotEvent } from '../core/types'
import { hash128 } from './hash128'

export interface DeterministicMessageIdsOptions {
  /**
   * A name unique to your app, the same wherever it tracks (browser tabs, servers), e.g.
   * `'acme-support-copilot'`. Segment's dedupe spans every source and workspace, so ids are scoped
   * by it. Default: the client's Segment write key when it exposes one (a loaded `AnalyticsBrowser`
   * or `window.analytics`); with neither, ids stay random. Anything but a non-empty string counts as none.
   */
  namespace?: string
}

/**
 * The prefix of every id this package derives; a change of format would change it (`rca2-`).
 *
 * @example
 * const derived = event.messageId.startsWith(MESSAGE_ID_PREFIX) // an event from this package, deduped across tabs
 */
export const MESSAGE_ID_PREFIX = 'rca1-'

/**
 * The write key a Segment browser client knows synchronously: a loaded `AnalyticsBrowser`
 * (`instance.settings`), a loaded `window.analytics` (`settings`), the snippet's stub (`_writeKey`).
 */
function writeKeyOf(client: unknown): string | undefined {
  const any = client as { instance?: { settings?: { writeKey?: unknown } }; settings?: { writeKey?: unknown }; _writeKey?: unknown } | undefined
  const key = any?.instance?.settings?.writeKey ?? any?.settings?.writeKey ?? any?._writeKey
  return typeof key === 'string' && key !== '' ? key : undefined
}

/**
 * The id of one call: the prefix and the hash of its fields, each preceded by its length so that
 * no two lists of fields read alike. This is the documented format (docs/exactly-once.md): the same
 * fields give the same id in every version with this prefix.
 */
export const messageIdOf = (fields: readonly unknown[]): string =>
  MESSAGE_ID_PREFIX + hash128(fields.map(String).map((field) => field.length + ':' + field).join(''))

/**
 * Segment `messageId`s derived from each event's exactly-once key, so that Segment's own dedupe
 * drops the same event sent twice from anywhere: two tabs of one conversation (a duplicated tab),
 * a reload racing a retry, the browser and your server reporting the same reply. Pass it as the
 * provider's (or `createCopilotTracker`'s) `messageIds` option.
 *
 * An id hashes the namespace, the vocabulary, the event name, the exactly-once key (conversation,
 * chat message, feedback target, action or media id, component type) and, for feedback, its
 * revision: a changed rating is a new event, the same rating again is none. Events that may repeat by
 * design (custom events, conversions, actions and media without an `id`) and Identify keep random
 * ids. The chat message id is never Segment's `messageId`: it is one input of the hash.
 *
 * @example
 * import { deterministicMessageIds } from 'react-copilot-analytics/dedupe'
 * const messageIds = deterministicMessageIds({ namespace: 'acme-support-copilot' })
 *
 * <CopilotAnalyticsProvider analytics={analytics} messageIds={messageIds}>
 */
export function deterministicMessageIds(options?: DeterministicMessageIdsOptions): MessageIds {
  // Read once, here, and never thrown from: a namespace that is not a non-empty string (or options
  // that cannot be read) counts as none, so the write key or random ids are used, as documented.
  let namespace: string | undefined
  try {
    const given = options?.namespace
    if (typeof given === 'string' && given !== '') namespace = given
  } catch {
    // a getter or Proxy that throws
  }
  // Per event (every call of every vocabulary it maps to): its feedback revision, counted once, and
  // how many calls of each name a vocabulary made of it, so that two never share an id.
  const seen = new WeakMap<CopilotEvent, { revision: string; calls: Map<string, number> }>()
  return (event, call, spec, tracker) => {
    try {
      if (call.type !== 'track') return undefined // Identify: random (see the JSDoc above)
      const app = namespace ?? writeKeyOf(tracker.analytics)
      const parts = keyPartsOf(event)
      if (!app || !parts) return undefined
      let state = seen.get(event)
      if (!state) {
        let revision = ''
        if (event.type === 'feedback_submitted') {
          // How many ratings this target sent before: 5, 3, 5 are three events, each its own id.
          const store = tracker.keyStore ?? getDefaultKeyStore()
          const key = revisionKey(parts.join(':'))
          const count = Number(store.get(key)) || 0
          store.set(key, count + 1)
          revision = count + ':' + event.rating
        }
        seen.set(event, (state = { revision, calls: new Map() }))
      }
      const vocabulary = String(spec.name)
      const slot = vocabulary + '\n' + call.event
      const occurrence = state.calls.get(slot) ?? 0
      state.calls.set(slot, occurrence + 1)
      return { messageId: messageIdOf([app, vocabulary, call.event, String(occurrence), ...parts, state.revision]) }
    } catch {
      return undefined // a client or store that throws when read: the client's random id, as without this option
    }
  }
}
