import type { KeyStore } from './keyStore'
import type { CopilotEvent } from './types'

/*
 * Every key the tracker keeps in its key store: exactly-once marks, conversation state and the
 * identity last sent. This module is their one home; nothing else builds a key.
 *
 * A key is a kind and its parts joined by `:` (a missing part is empty). The format is 0.1.0's, so a
 * reload after an upgrade resends nothing (except one Identify: see the identity key below).
 *
 * | kind | parts | value | written when |
 * |---|---|---|---|
 * | `c` conversation | conversationId | its state (a ConversationRecord) | it starts, counts a message, ends |
 * | `m` message | conversationId, messageId | 1 | its Message Sent / Received is sent or held, or it is history |
 * | `f` feedback | conversationId, messageId or none | the rating; with a `reason` or `comment`, the rating followed by the JSON of [reason, comment] | its Feedback Submitted is sent or held (a new rating, reason or comment sends again) |
 * | `a` action | conversationId, action id | 1 | its Action Invoked is sent or held |
 * | `ac` action complete | conversationId, action id | 1 | its completion is sent or held |
 * | `g` media | conversationId, media id | 1 | its Media Generated is sent or held |
 * | `k` component | conversationId, messageId or none, type | 1 | its Component Loaded is sent or held |
 * | `rg` regenerated | conversationId, replaced reply's id | 1 | its Reply Regenerated is sent or held (a reply is replaced once, whoever reports it) |
 * | `i` identity | none | `u:` + userId, or `a:` + anonymousId | its Identify was sent (consent granted) |
 * | `r` revision | a feedback key | how many Feedback Submitted it sent | only with deterministic message ids (`/dedupe`), as each is sent or held |
 *
 * Claims happen only for a call handed to a client or held for a pending consent decision (and are
 * released if consent is then denied): a call discarded for want of consent leaves no key and no
 * conversation state, so the stream after a grant is whole. History is a fact of an earlier session,
 * not a call: it is recorded whatever the consent.
 *
 * The identity key is personal (often an e-mail), so it is written only once its Identify was sent:
 * never before consent. Which identity each client holds is kept in memory ({@link identityHeldBy});
 * the key only tells the first client of a reloaded page what the tab sent last (analytics-next
 * persisted it too). It replaces 0.1.0's `i:u:<userId>` marks, which named every user the tab had
 * seen and kept them whatever the consent: after an upgrade a tab sends its Identify once more.
 */

export const conversationKey = (conversationId: string) => 'c:' + conversationId
export const messageKey = (conversationId: string, messageId: string) => 'm:' + conversationId + ':' + messageId
export const feedbackKey = (conversationId: string, messageId?: string) => 'f:' + conversationId + ':' + (messageId ?? '')
export const actionKey = (conversationId: string, id: string) => 'a:' + conversationId + ':' + id
export const actionCompleteKey = (conversationId: string, id: string) => 'ac:' + conversationId + ':' + id
export const mediaKey = (conversationId: string, id: string) => 'g:' + conversationId + ':' + id
export const componentKey = (conversationId: string, messageId: string | undefined, type: string) =>
  'k:' + conversationId + ':' + (messageId ?? '') + ':' + type
export const regeneratedKey = (conversationId: string, replyId: string) => 'rg:' + conversationId + ':' + replyId
export const IDENTITY_KEY = 'i'
export const revisionKey = (key: string) => 'r:' + key

/**
 * An event's exactly-once key as its kind and parts (the key is them joined by `:`), or undefined
 * for an event that has none and may repeat by design: a custom event (but Reply Regenerated) or
 * conversion, an action or media without an id, an Identify. Deterministic message ids (`/dedupe`) are derived from it.
 */
export function keyPartsOf(event: CopilotEvent): string[] | undefined {
  const { conversationId } = event as { conversationId: string }
  switch (event.type) {
    case 'conversation_started':
    case 'conversation_ended':
      return ['c', conversationId]
    case 'message_sent':
    case 'message_received':
      return ['m', conversationId, event.messageId]
    case 'feedback_submitted':
      return ['f', conversationId, event.messageId ?? '']
    case 'action_started':
    case 'action_completed':
      return event.id === undefined ? undefined : [event.type === 'action_started' ? 'a' : 'ac', conversationId, event.id]
    case 'media_generated':
      return event.id === undefined ? undefined : ['g', conversationId, event.id]
    case 'component_loaded':
      return ['k', conversationId, event.messageId ?? '', event.componentType]
    case 'custom':
      // The one custom event sent once per key (trackMessageAction claims `rg`): a reply replaced
      // once, whoever reports it (a tab, the adapter, the server). Other custom events may repeat.
      return event.regenerated ? ['rg', conversationId, event.messageId!] : undefined
  }
}

/** The identity an Identify call carries, as compared and stored: `u:` + userId, else `a:` + anonymousId. */
export const identityOf = (userId?: string | null, anonymousId?: string | null) =>
  userId ? 'u:' + userId : anonymousId ? 'a:' + anonymousId : undefined

// The identity last sent to each client, per key store (a page's memory; resetTrackedKeys() makes a
// new one); made at the store's first Identify, when its first client takes the one the tab last sent.
const identities = new WeakMap<KeyStore, WeakMap<object, unknown>>()

/**
 * The identity `client` holds as far as this page knows. A page starts knowing none: its first client
 * takes the one the tab last sent (the key store's {@link IDENTITY_KEY}), which analytics-next kept
 * across the reload too; any other client (a swap, a provider's own recorder) holds none yet.
 */
export function identityHeldBy(client: object, store: KeyStore): unknown {
  let held = identities.get(store)
  if (!held) identities.set(store, (held = new WeakMap([[client, store.get(IDENTITY_KEY)]])))
  return held.get(client)
}

/**
 * Marks `client` as holding `identity`, as its Identify is sent; false when it already did (that
 * Identify is not sent again: fanned out by several specs, or held by a provider and by its
 * remount). Kept in `store` too, for a reload: personal, so only ever written once consent is given.
 */
export function claimIdentity(client: object, store: KeyStore, identity: unknown): boolean {
  if (identityHeldBy(client, store) === identity) return false
  identities.get(store)!.set(client, identity)
  store.set(IDENTITY_KEY, identity)
  return true
}
