import { CopilotAnalyticsError, type CopilotAnalyticsErrorCode } from './errors'
import { getDefaultKeyStore, type KeyStore } from './keyStore'
import type { AnalyticsCall, AnalyticsClient, CopilotEvent, CopilotSpec, MessageAgent, Properties } from './types'
import { segmentCopilot } from '../specs/segmentCopilot'

export interface TrackerOptions {
  /** Where calls go. Required for the core tracker; the React provider defaults to a memory recorder. */
  analytics: AnalyticsClient
  /** The vocabulary, or several to fan out to; default {@link segmentCopilot}. */
  spec?: CopilotSpec | readonly CopilotSpec[]
  /** Merged into every track call (spec properties win on a clash). */
  properties?: Properties
  userId?: string | null
  anonymousId?: string | null
  traits?: Properties
  /** Bad input and client failures; default: console.warn outside production. */
  onError?: (error: CopilotAnalyticsError) => void
  /** Exactly-once memory; default: one store per page mirrored to sessionStorage. */
  keyStore?: KeyStore
  /** Clock, for tests. */
  now?: () => number
}

export interface ConversationState {
  conversationId: string
  isStarted: boolean
  isEnded: boolean
  /** Message Sent + Message Received so far. */
  messageCount: number
  /** When Conversation Started was sent (ms since the epoch). */
  startedAt?: number
}

export interface MessageInput {
  conversationId: string
  id: string
  role: string
  body?: string
  /** Only `complete` (the default) sends; `streaming` and any other status wait. */
  status?: string
  agent?: MessageAgent
  properties?: Properties
}

export interface ActionInput {
  conversationId: string
  type: string
  action: string
  messageId?: string
  /** Default `customer`. */
  role?: string
  /** With an id the action is sent once, however often it is tracked. */
  id?: string
  title?: string
  properties?: Properties
}

export interface ActionHandle {
  /** Marks the action completed; only the first call counts. */
  complete(result?: { reason?: string }): void
}

export interface MediaInput {
  conversationId: string
  type: string
  subType?: string
  messageId?: string
  /** Default `agent`. */
  role?: string
  id?: string
  properties?: Properties
}

export interface FeedbackInput {
  conversationId: string
  rating: number
  /** Omit for feedback on the whole conversation. */
  messageId?: string
  /** When given, the rating must lie within 0..scale. */
  scale?: number
  properties?: Properties
}

/**
 * The lean part of the tracker the React binding always needs: conversation state, messages,
 * identity, and the exactly-once / dispatch primitives the event functions in `./events` build on.
 * Kept apart so that a bundle pays only for the event kinds it uses.
 */
export interface TrackerBase {
  /** Replace some options; cheap, safe to call on every render. */
  configure(options: Partial<TrackerOptions>): void
  getConversation(conversationId: string): ConversationState
  /** Notified whenever a conversation's state changes. */
  subscribe(listener: () => void): () => void
  start(conversationId: string): void
  end(conversationId: string): void
  message(input: MessageInput): boolean
  identify(userId?: string | null, traits?: Properties, options?: { anonymousId?: string | null }): void
  /** Sends Identify for the configured userId / anonymousId unless already sent. */
  syncIdentity(): void
  /** Maps an event through the spec(s) and sends the calls. */
  emit(event: CopilotEvent): void
  /** Marks a key as sent with a value; false when it already held that value (send nothing then). */
  claim(key: string, value?: string): boolean
  peek(key: string): string | undefined
  report(code: CopilotAnalyticsErrorCode, message: string, cause?: unknown): void
  now(): number
}

const CUSTOMER_ROLES = new Set(['customer', 'user'])
const noop = () => {}
const isProduction = (() => {
  try {
    return process.env.NODE_ENV === 'production'
  } catch {
    return false
  }
})()
const warn = (error: CopilotAnalyticsError) => {
  if (!isProduction) console.warn(error.message)
}
export const isNonEmptyString = (value: unknown): value is string => typeof value === 'string' && value !== ''
/** The message for bad input: what is needed, what came, and that nothing was sent for it. */
export const rejected = (need: string, got: unknown) =>
  `${need}; got ${typeof got == 'string' ? JSON.stringify(got) : String(got)} (${typeof got}). Nothing was sent for it.`

/** Drops `undefined` values so nothing undefined reaches the wire. */
export function compact(properties: Properties): Properties {
  const out: Properties = {}
  for (const key in properties) if (properties[key] !== undefined) out[key] = properties[key]
  return out
}

/** The tracker's lean base; apps use {@link createCopilotTracker} or the React provider. */
export function createTrackerBase(initial: TrackerOptions): TrackerBase {
  const options: TrackerOptions = { ...initial }
  const listeners = new Set<() => void>()
  const snapshots = new Map<string, [string | undefined, ConversationState]>()
  const store = () => options.keyStore ?? getDefaultKeyStore()
  const now = () => (options.now ?? Date.now)()

  const report = (code: CopilotAnalyticsErrorCode, message: string, cause?: unknown) => {
    try {
      ;(options.onError ?? warn)(new CopilotAnalyticsError(code, message, cause))
    } catch {
      // An onError that throws must not break the host app either.
    }
  }

  /** Marks a key as sent; false when it already was (the caller then sends nothing). */
  const claim = (key: string, value = '1') => {
    if (store().get(key) === value) return false
    store().set(key, value)
    return true
  }

  const dispatch = (call: AnalyticsCall) => {
    const client = options.analytics
    const name = call.type === 'track' ? call.event : 'Identify'
    try {
      const result =
        call.type === 'track'
          ? client.track(call.event, compact({ ...options.properties, ...call.properties }))
          : client.identify(call.userId ?? null, call.traits, call.anonymousId ? { anonymousId: call.anonymousId } : undefined)
      if (result && typeof (result as PromiseLike<unknown>).then === 'function') {
        ;(result as PromiseLike<unknown>).then(noop, (error: unknown) => clientFailed(name, error))
      }
    } catch (error) {
      clientFailed(name, error)
    }
  }

  const clientFailed = (name: string, error: unknown) =>
    report('client_error', `The analytics client failed on "${name}", so it was not delivered: ${error instanceof Error ? error.message : error}`, error)

  const emit = (event: CopilotEvent) => {
    if (event.type !== 'identify') syncIdentity()
    const specs = options.spec ?? segmentCopilot
    for (const spec of Array.isArray(specs) ? specs : [specs as CopilotSpec]) {
      let calls: AnalyticsCall[]
      try {
        calls = spec.map(event)
      } catch (error) {
        report('spec_error', `Spec "${spec.name}" threw on "${event.type}"`, error)
        continue
      }
      for (const call of calls) dispatch(call)
    }
  }

  const identify = (userId?: string | null, traits: Properties = {}, anonymousId?: string | null) => {
    if (!userId && !anonymousId) return
    if (!claim('i:' + (userId ? 'u:' + userId : 'a:' + anonymousId))) return
    emit({ type: 'identify', userId: userId || undefined, anonymousId: anonymousId || undefined, traits: compact(traits), timestamp: now() })
  }

  function syncIdentity() {
    identify(options.userId, options.traits, options.anonymousId)
  }

  // Conversation state lives in the key store so that it survives remounts and reloads; the
  // snapshot is cached per stored string so useSyncExternalStore sees a stable object.
  const conversation = (conversationId: string): ConversationState => {
    const saved = store().get('c:' + conversationId)
    let cached = snapshots.get(conversationId)
    if (!cached || cached[0] !== saved) {
      const state = { conversationId, isStarted: false, isEnded: false, messageCount: 0, ...(saved && JSON.parse(saved)) }
      remember(conversationId, (cached = [saved, state]))
    }
    return cached![1]
  }
  // At most one snapshot per conversation the key store can remember: a long-lived tracker (a
  // server, a support console) sees conversations without end, and this cache must not outgrow the store.
  const remember = (conversationId: string, entry: [string | undefined, ConversationState]) => {
    snapshots.set(conversationId, entry)
    if (snapshots.size > store().limit) snapshots.delete(snapshots.keys().next().value!)
  }
  const update = (conversationId: string, patch: Partial<ConversationState>) => {
    const { isStarted, isEnded, messageCount, startedAt } = { ...conversation(conversationId), ...patch }
    const saved = JSON.stringify({ isStarted, isEnded, messageCount, startedAt })
    store().set('c:' + conversationId, saved)
    // Cache what was just written, so the next read does not parse it back: once per message otherwise.
    remember(conversationId, [saved, compact({ conversationId, isStarted, isEnded, messageCount, startedAt }) as unknown as ConversationState])
    listeners.forEach((listener) => listener())
  }

  const ensureStarted = (conversationId: string, firstMessage?: { messageId: string; body?: string }) => {
    if (conversation(conversationId).isStarted) return
    const timestamp = now()
    update(conversationId, { isStarted: true, startedAt: timestamp })
    emit({ type: 'conversation_started', conversationId, timestamp, properties: {}, firstMessage })
  }

  return {
    configure(next) {
      Object.assign(options, next)
    },

    getConversation: conversation,

    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },

    start: (conversationId) => ensureStarted(conversationId),

    end(conversationId) {
      const state = conversation(conversationId)
      if (!state.isStarted || state.isEnded) return
      update(conversationId, { isEnded: true })
      const timestamp = now()
      emit({
        type: 'conversation_ended',
        conversationId,
        timestamp,
        properties: {},
        messageCount: state.messageCount,
        durationMs: Math.max(0, timestamp - (state.startedAt ?? timestamp)),
      })
    },

    message({ conversationId, id, role, body, status = 'complete', agent, properties }) {
      if (status !== 'complete') return false
      if (!isNonEmptyString(role)) {
        report('missing_role', rejected(`Message ${JSON.stringify(id)} needs a role ("user", "assistant"...)`, role))
        return false
      }
      if (!isNonEmptyString(id)) {
        report('missing_message_id', rejected(`A ${role} message needs its chat id (a non-empty string) to be sent exactly once`, id))
        return false
      }
      if (!claim('m:' + conversationId + ':' + id)) return false
      const sent = CUSTOMER_ROLES.has(role)
      if (sent) ensureStarted(conversationId, { messageId: id, body })
      update(conversationId, { messageCount: conversation(conversationId).messageCount + 1 })
      emit({
        type: sent ? 'message_sent' : 'message_received',
        conversationId,
        timestamp: now(),
        properties: compact(properties ?? {}),
        messageId: id,
        body,
        role: normaliseRole(role),
        agent,
      })
      return true
    },

    identify(userId, traits, { anonymousId } = {}) {
      identify(userId, traits, anonymousId)
    },

    syncIdentity,
    emit,
    claim,
    peek: (key) => store().get(key),
    report,
    now,
  }
}

/** `user` is sent as `customer` and `assistant` as `agent`; other roles pass through. */
export function normaliseRole(role: string): string {
  return CUSTOMER_ROLES.has(role) ? 'customer' : role === 'assistant' ? 'agent' : role
}
