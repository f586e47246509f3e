import { isNonEmptyString, type TrackerBase } from './tracker'
import type { Properties } from './types'
import { regeneratedKey } from './keys'
import { trackCustom } from './events'

/**
 * The implicit-feedback events (our extension of the Segment AI Copilot spec, named in its
 * "Object Action" style): a message copied, a reply regenerated, a user message edited.
 */
export const MESSAGE_ACTION_EVENTS = {
  copy: 'Message Copied',
  regenerate: 'Reply Regenerated',
  edit: 'Message Edited',
} as const

export type MessageAction = keyof typeof MESSAGE_ACTION_EVENTS

export interface MessageActionInput {
  conversationId: string
  action: MessageAction
  /** The message copied or edited; for `regenerate`, the reply being replaced. */
  messageId: string
  properties?: Properties
}

/**
 * Message Copied / Message Edited: one event per call (two copies are two events). Reply Regenerated:
 * once per replaced reply, whether the app's button or a chat adapter (which sees the reply replaced)
 * reports it, so the two never count one regenerate twice.
 */
export function trackMessageAction(tracker: TrackerBase, { conversationId, action, messageId, properties }: MessageActionInput): void {
  const event = MESSAGE_ACTION_EVENTS[action]
  // Each event is about a message: without its id it says nothing.
  if (!isNonEmptyString(messageId)) return tracker.report('missing_message_id', process.env.NODE_ENV !== 'production' ? `Event "${event}"` : '', messageId)
  if (action !== 'regenerate') return trackCustom(tracker, conversationId, event, properties, { messageId })
  // Marked as keyed: deterministic message ids (`/dedupe`) derive its id from the key it claims.
  if (tracker.claim(regeneratedKey(conversationId, messageId))) tracker.emit({ type: 'custom', conversationId, properties, event, messageId, regenerated: true })
}

declare const process: { env: { NODE_ENV?: string } }
