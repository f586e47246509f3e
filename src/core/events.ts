import { isNonEmptyString, normaliseRole, type ActionHandle, type ActionInput, type FeedbackInput, type MediaInput, type TrackerBase, type EventInput } from './tracker'
import type { Properties } from './types'
import { actionCompleteKey, actionKey, componentKey, feedbackKey, mediaKey } from './keys'
import { cleanProperties } from './pipeline'

// Each event kind is a standalone function over the tracker base, so a bundle pays only for the
// kinds it imports (the typical chat imports messages and feedback only).

/** Feedback Submitted; true when the rating was valid (sent now, or already sent with that value). */
export function trackFeedback(tracker: TrackerBase, { conversationId, rating, messageId, scale, properties }: FeedbackInput): boolean {
  if (!Number.isFinite(rating) || (scale !== undefined && (rating < 0 || rating > scale))) {
    tracker.report('invalid_rating', process.env.NODE_ENV !== 'production' ? scale === undefined ? 'A rating' : `A rating from 0 to ${scale}` : '', rating)
    return false
  }
  if (messageId !== undefined && !isNonEmptyString(messageId)) {
    tracker.report('missing_message_id', process.env.NODE_ENV !== 'production' ? "Feedback's message" : '', messageId)
    return false
  }
  // A reason and a comment are properties with a meaning: text the privacy guard handles (the comment
  // like a body), and part of what makes feedback new, so the key holds them with the rating.
  // A reason or a comment that is not text is left out and reported (invalid_property).
  const details = cleanProperties(properties, process.env.NODE_ENV !== 'production' ? 'Feedback Submitted' : '', tracker.report, (key, value) => (key !== 'reason' && key !== 'comment') || typeof value === 'string')
  const { reason, comment } = details
  if (tracker.claim(feedbackKey(conversationId, messageId), reason ?? comment ? rating + JSON.stringify([reason, comment]) : rating)) {
    tracker.emit({ type: 'feedback_submitted', conversationId, properties: details, rating, scale, messageId })
  }
  return true
}

/** The last rating sent for a message (or the conversation), if any. */
export function lastFeedback(tracker: TrackerBase, conversationId: string, messageId?: string): number | undefined {
  if (messageId !== undefined && !isNonEmptyString(messageId)) return undefined // reported when submitted
  // With a reason or a comment, the key holds the rating followed by them.
  const value = tracker.peek(feedbackKey(conversationId, messageId)) as number | string | undefined
  return (value && parseFloat(value as string)) as number | undefined
}

/** Optional ids end up in exactly-once keys and in the event: when given, they must be non-empty strings. */
const validIds = (tracker: TrackerBase, ids: { messageId?: unknown; id?: unknown }, what: string) => {
  for (const key of ['messageId', 'id'] as const) {
    if (ids[key] !== undefined && !isNonEmptyString(ids[key])) {
      tracker.report(key === 'id' ? 'invalid_id' : 'missing_message_id', process.env.NODE_ENV !== 'production' ? `${what}'s ${key}` : '', ids[key])
      return false
    }
  }
  return true
}

const validType = (tracker: TrackerBase, type: unknown, what: string) => {
  if (isNonEmptyString(type)) return true
  tracker.report('missing_type', process.env.NODE_ENV !== 'production' ? what : '', type)
  return false
}

/** Starts an action (Action Invoked in the Segment spec); the handle completes it once. */
export function startAction(tracker: TrackerBase, input: ActionInput): ActionHandle {
  const noop: ActionHandle = { complete() {} }
  if (!validType(tracker, input.type, 'An action') || !validIds(tracker, input, 'An action')) return noop
  if (!isNonEmptyString(input.action)) {
    tracker.report('missing_action', process.env.NODE_ENV !== 'production' ? `Action "${input.type}"` : '', input.action)
    return noop
  }
  const event = (type: 'action_started' | 'action_completed', reason?: string): EventInput => ({
    type,
    conversationId: input.conversationId,
    properties: input.properties,
    actionType: input.type,
    action: input.action,
    title: input.title,
    reason,
    role: normaliseRole(input.role ?? 'customer'),
    messageId: input.messageId,
    id: input.id,
  })
  const { conversationId, id } = input
  if (id === undefined || tracker.claim(actionKey(conversationId, id))) tracker.emit(event('action_started'))
  let completed = false
  return {
    complete(result) {
      if (completed || (id !== undefined && !tracker.claim(actionCompleteKey(conversationId, id)))) return
      completed = true
      tracker.emit(event('action_completed', result?.reason))
    },
  }
}

/** A one-shot action: started and completed at once. */
export function trackAction(tracker: TrackerBase, input: ActionInput): void {
  startAction(tracker, input).complete()
}

/** Media Generated; once per `id` when one is given. */
export function trackMedia(tracker: TrackerBase, { conversationId, type, subType, messageId, role = 'agent', id, properties }: MediaInput): void {
  if (!validType(tracker, type, 'Generated media') || !validIds(tracker, { messageId, id }, 'Generated media')) return
  if (id !== undefined && !tracker.claim(mediaKey(conversationId, id))) return
  tracker.emit({ type: 'media_generated', conversationId, properties, mediaType: type, subType, role: normaliseRole(role), messageId, id })
}

export interface ComponentInput {
  conversationId: string
  type: string
  messageId?: string
  properties?: Properties
}

/** Component Loaded; once per (conversation, message, type). */
export function trackComponent(tracker: TrackerBase, { conversationId, type, messageId, properties }: ComponentInput): void {
  if (!validType(tracker, type, 'A component') || !validIds(tracker, { messageId }, 'A component')) return
  if (!tracker.claim(componentKey(conversationId, messageId, type))) return
  tracker.emit({ type: 'component_loaded', conversationId, properties, componentType: type, messageId })
}

/** A standard Track call tied to the conversation (and to a message when given). */
export function trackCustom(
  tracker: TrackerBase,
  conversationId: string,
  event: string,
  properties?: Properties,
  options?: { messageId?: string } | null,
  conversion?: boolean,
): void {
  const messageId = options?.messageId
  if (!isNonEmptyString(event)) {
    tracker.report('missing_event_name', process.env.NODE_ENV !== 'production' ? conversion ? 'trackConversion()' : 'track()' : '', event)
    return
  }
  if (!validIds(tracker, { messageId }, `Event "${event}"`)) return
  tracker.emit({ type: 'custom', conversationId, properties, event, messageId, conversion })
}

/**
 * A conversion the copilot led to (a purchase, a signup...): a standard Track call named `name` in
 * the Segment vocabularies, `screeb_copilot_conversion` in Screeb's.
 */
export function trackConversion(tracker: TrackerBase, conversationId: string, name: string, properties?: Properties, options?: { messageId?: string }): void {
  trackCustom(tracker, conversationId, name, properties, options, true)
}
declare const process: { env: { NODE_ENV?: string } }

