import { CopilotAnalyticsError, type CopilotAnalyticsErrorCode } from './errors'
import { explain, show } from './messages'
import { getDefaultKeyStore } from './keyStore'
import type { TrackerOptions } from './options'
import { createConsentGate } from './consent'
import { conversationKey, identityHeldBy, identityOf, messageKey } from './keys'
import { cleanProperties, createPipeline, type EventInput } from './pipeline'
import type { CopilotSpec, MessageAgent, Properties, ReplyMetadata } from './types'

export type { EventInput, TrackerOptions }


/** A conversation's state as the tracker keeps it. */
export interface ConversationRecord {
  isStarted: boolean
  isEnded: boolean
  /** Message Sent + Message Received so far. */
  messageCount: number
  /** When Conversation Started was sent (ms since the epoch). */
  startedAt?: number
}

export interface ConversationState extends ConversationRecord {
  conversationId: string
}

/** A conversation nothing was sent for: what the server renders, since the state lives in the browser. */
export const NEW_CONVERSATION: ConversationRecord = { isStarted: false, isEnded: false, messageCount: 0 }

export interface MessageInput {
  conversationId: string
  id: string
  role: string
  body?: string
  /**
   * Only `complete` (the default) sends; `streaming` and any other status wait. A reply seen waiting
   * after a Message Sent gets `time_to_first_token_ms` and `response_time_ms` when it completes.
   */
  status?: string
  /**
   * Restored history (shown again in a new tab, or loaded from your server): remembered as already
   * sent, counted in message_count, and never sent from here.
   */
  history?: boolean
  agent?: MessageAgent
  /** A reply's model, tokens and finish reason, when known (see {@link ReplyMetadata}). */
  metadata?: ReplyMetadata
  properties?: Properties
}

export interface ActionInput {
  conversationId: string
  /** The kind of capability or tool, e.g. "Inventory Request". */
  type: string
  /** What it did, e.g. "check stock level". */
  action: string
  messageId?: string
  /** Who invoked it; default `customer` (the spec's default). */
  role?: string
  /** With an id, the action is sent once however often it is tracked. */
  id?: string
  /** A human-readable title, for vocabularies that have one (watsonx). */
  title?: string
  properties?: Properties
}

export interface ActionHandle {
  /** Marks the action completed; only the first call counts. */
  complete(result?: { reason?: string }): void
}

export interface MediaInput {
  conversationId: string
  /** "image", "video", "audio", ... */
  type: string
  /** The data type: "gif", "mp4", "wav", ... */
  subType?: string
  messageId?: string
  /** Default `agent`. */
  role?: string
  /** With an id, the media is sent once however often it is tracked. */
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
  getConversation(conversationId: string): ConversationRecord
  /**
   * Notified whenever a conversation's state or an exactly-once key changes, and with a conversation's
   * id when end() is about to close it (a reply lifecycle sends its held reply then, so that
   * Conversation Ended comes after it and counts it).
   */
  subscribe(listener: (ending?: string) => void): () => void
  start(conversationId: string): void
  /** Tells subscribers the conversation is ending (see subscribe), then sends Conversation Ended, once, if it started. */
  end(conversationId: string): void
  message(input: MessageInput): boolean
  identify(userId?: string | null, traits?: Properties, options?: { anonymousId?: string | null }): void
  /** Sends Identify for the configured userId / anonymousId unless the client holds it already. */
  syncIdentity(): void
  /** Maps an event through the spec(s) and sends the calls; `timestamp` defaults to now, `properties` to none. */
  emit(event: EventInput): void
  /**
   * Marks a key (see `./keys`) as sent with a value, for a call about to be sent or held; false when it
   * already held that value, or consent is denied (send nothing then).
   */
  claim(key: string, value?: unknown): boolean
  peek(key: string): unknown
  /** Sends a CopilotAnalyticsError to onError: `subject` is what was wrong, `got` the value that came. */
  report(code: CopilotAnalyticsErrorCode, subject: string, got: unknown): void
  /** For a provider's layout effect: hands calls still waiting for consent at unmount to its remount (the same `conversationId`). Returns the unmount. */
  mount(): () => void
}

// Bundlers replace process.env.NODE_ENV; where nothing does, warn() treats it as development.
declare const process: { env: { NODE_ENV?: string } }

const warn = (error: CopilotAnalyticsError) => {
  try {
    if (process.env.NODE_ENV !== 'production') console.warn(error.message)
  } catch {
    console.warn(error.message) // no bundler replaced process.env.NODE_ENV: treat it as development
  }
}
export const isNonEmptyString = (value: unknown): value is string => typeof value === 'string' && value !== ''

/** The tracker's lean base; apps use {@link createCopilotTracker} or the React provider. */
export function createTrackerBase(initial: TrackerOptions, defaultSpec: CopilotSpec): TrackerBase {
  const options: TrackerOptions = { ...initial }
  // Called with no argument on every change, and with a conversation's id when end() is about to close it.
  const listeners = new Set<(ending?: string) => void>()
  const store = () => options.keyStore ?? getDefaultKeyStore()
  const now = () => (options.now ?? Date.now)()
  // Response-time metrics (an extension of the spec), kept per conversation so that a reply whose
  // id changes while it streams still counts: when its latest Message Sent went out (`sent`), whether
  // a reply was seen in progress after it (`seen`), and when that reply first showed content
  // (`first`). Bounded. (Short names: a minifier cannot shorten property names.)
  const timing = new Map<string, { sent: number; seen?: boolean; first?: number }>()

  const report = (code: CopilotAnalyticsErrorCode, subject: string, got: unknown) => {
    try {
      // Production messages carry the code only: the guidance and the value's text are for development.
      // With no onError, production has nothing to do: no error is even built.
      ;(process.env.NODE_ENV !== 'production' ? (options.onError ?? warn) : options.onError)?.(
        new CopilotAnalyticsError(code, process.env.NODE_ENV !== 'production' ? explain(code, subject, got) : `(${code})`, got),
      )
    } catch {
      // An onError that throws must not break the host app either.
    }
  }

  const notify = (ending?: string) => listeners.forEach((listener) => listener(ending))
  const gate = createConsentGate(report, store, options)

  // State changes only for a call that is sent or held: one held is undone if consent is then denied
  // (listeners hear of it a microtask later, as a denial may come during a render). History (`keep`)
  // is a fact of an earlier session, not a call: it is recorded whatever the consent. A held call's
  // change stays in memory until the grant, like the call: a reload before the decision forgets both,
  // so the reloaded page holds its messages again (Started first) instead of taking them as sent.
  const write = (key: string, value: unknown, keep?: boolean) => {
    const previous = store().get(key)
    store().set(key, value, !keep)
    if (!keep)
      gate.settle((granted) => {
        // Stored once decided (at once when it is): granted, the key's latest value; denied, the previous one.
        store().set(key, granted ? store().get(key) : previous)
        if (!granted) queueMicrotask(notify)
      })
    // Subscribers read keys (useConversation's state, useFeedback's rating): each compares its own snapshot.
    notify()
    return true
  }

  /** Marks a key as sent; false when it already was or consent is denied (the caller then sends nothing). */
  const claim = (key: string, value: unknown = 1, keep?: boolean) => store().get(key) !== value && (keep || gate.open()) && write(key, value, keep)

  // Identify before a client's first track call and whenever the identity it holds changes. A client
  // holds an identity once its Identify was sent (the pipeline's client stage); one waiting for this
  // tracker's consent is not queued twice, and does not stop another provider's granted calls from
  // identifying first.
  let waitingIdentity: unknown
  const identify = (userId?: string | null, traits?: Properties, { anonymousId }: { anonymousId?: string | null } = {}) => {
    const identity = identityOf(userId, anonymousId)
    if (!identity || identity === (waitingIdentity ?? identityHeldBy(Object(options.analytics), store())) || !gate.open()) return
    waitingIdentity = identity
    emit({ type: 'identify', userId: userId || undefined, anonymousId: anonymousId || undefined, traits: cleanProperties(traits, process.env.NODE_ENV !== 'production' ? 'Identify' : '', report) })
    gate.settle(() => (waitingIdentity = undefined))
  }

  const syncIdentity = () => identify(options.userId, options.traits, options)

  // The send pipeline (./pipeline): properties cleaned, vocabulary mapping, privacy guard, consent, client.
  // Created after syncIdentity, which it calls; identify() only calls emit once the tracker is built.
  const emit = createPipeline(options, defaultSpec, report, gate, syncIdentity)

  // Conversation state lives in the key store, as one immutable object replaced on each change,
  // so that it survives remounts and reloads and useSyncExternalStore sees a stable snapshot.
  const conversation = (conversationId: string) => (store().get(conversationKey(conversationId)) ?? NEW_CONVERSATION) as ConversationRecord
  const update = (conversationId: string, patch: Partial<ConversationRecord>, keep?: boolean) => {
    write(conversationKey(conversationId), { ...conversation(conversationId), ...patch }, keep)
  }

  const ensureStarted = (conversationId: string, firstMessage?: { messageId: string; body?: string; agent?: MessageAgent }) => {
    if (conversation(conversationId).isStarted || !gate.open()) return
    const timestamp = now()
    update(conversationId, { isStarted: true, startedAt: timestamp })
    emit({ type: 'conversation_started', conversationId, timestamp, firstMessage })
  }

  // The consent option, when given; configure() takes a new one the same way.
  if (options.consent !== undefined) gate.update(options.consent)

  return {
    configure(next) {
      Object.assign(options, next)
      if (options.consent !== undefined) gate.update(options.consent)
    },

    getConversation: conversation,

    subscribe: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },

    start: ensureStarted,

    end(conversationId) {
      notify(conversationId)
      const state = conversation(conversationId)
      if (!state.isStarted || state.isEnded || !gate.open()) return
      const timestamp = now()
      update(conversationId, { isEnded: true })
      emit({
        type: 'conversation_ended',
        conversationId,
        timestamp,
        messageCount: state.messageCount,
        durationMs: Math.max(0, timestamp - (state.startedAt ?? timestamp)),
      })
    },

    message({ conversationId, id, role, body, status = 'complete', agent, properties, history, metadata }) {
      // normaliseRole()'s rule (below), written out: a message knows whether it was sent.
      const sent = role === 'customer' || role === 'user'
      const wait = sent ? undefined : timing.get(conversationId)
      if (status !== 'complete') {
        if (wait) {
          wait.seen = true
          if (body) wait.first ??= now()
        }
        return false
      }
      if (!isNonEmptyString(role)) {
        report('missing_role', process.env.NODE_ENV !== 'production' ? `Message ${show(id)}` : '', role)
        return false
      }
      if (!isNonEmptyString(id)) {
        report('missing_message_id', process.env.NODE_ENV !== 'production' ? `A ${show(role)} message` : '', id)
        return false
      }
      if (!claim(messageKey(conversationId, id), 1, history)) return false
      if (history) {
        // A conversation with history has started already (its Started was sent back then).
        update(conversationId, { messageCount: conversation(conversationId).messageCount + 1, isStarted: true }, true)
        return false
      }
      if (body != null && typeof body !== 'string') {
        report('invalid_property', process.env.NODE_ENV !== 'production' ? `Message ${show(id)}, its body,` : '', body)
        body = undefined
      }
      const type = sent ? 'message_sent' : 'message_received'
      // The message's metadata (a reply's model, tokens...), field by field: a token count (`*_tokens`)
      // must be a non-negative integer, any other field (model, provider, finish_reason, trace_id) a
      // non-empty string; a value that is not is left out and reported (invalid_property), the rest sent.
      const known = cleanProperties(metadata, type, report, (key, value) =>
        /_tokens$/.test(key) ? Number.isInteger(value) && (value as number) >= 0 : isNonEmptyString(value),
      )
      if (sent) ensureStarted(conversationId, { messageId: id, body, agent })
      const { startedAt } = conversation(conversationId)
      update(conversationId, { messageCount: conversation(conversationId).messageCount + 1 })
      const timestamp = now()
      timing.delete(conversationId)
      if (sent && timing.set(conversationId, { sent: timestamp }).size > 100) timing.delete(timing.keys().next().value!)
      emit({
        type,
        conversationId,
        timestamp,
        // Only a reply seen in progress has a wait to measure (one that renders complete may be history).
        properties: {
          ...known,
          ...(wait?.seen && {
            time_to_first_token_ms: Math.max(0, Math.round((wait.first ?? timestamp) - wait.sent)),
            response_time_ms: Math.max(0, Math.round(timestamp - wait.sent)),
          }),
          ...cleanProperties(properties, type, report),
        },
        messageId: id,
        body,
        role: sent ? 'customer' : role === 'assistant' ? 'agent' : role, // normaliseRole(role)
        agent,
        startedAt,
      })
      return true
    },

    identify,

    syncIdentity,
    emit,
    claim,
    // A key released by a denial is undefined in memory and left out of storage (an older version stored null): both read as unset.
    peek: (key) => store().get(key) ?? undefined,
    report,
    mount: gate.mount,
  }
}

/**
 * `user` is sent as `customer` and `assistant` as `agent`; other roles pass through. (The tracker's
 * message() writes the same rule out, so that the typical bundle does not carry this function.)
 *
 * @example
 * normaliseRole('assistant') // 'agent'
 * normaliseRole('human_agent') // 'human_agent'
 */
export function normaliseRole(role: string): string {
  return role === 'customer' || role === 'user' ? 'customer' : role === 'assistant' ? 'agent' : role
}
