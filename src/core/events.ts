import { compact, isNonEmptyString, normaliseRole, rejected, type ActionHandle, type ActionInput, type FeedbackInput, type MediaInput, type TrackerBase } from './tracker'
import type { CopilotEvent, Properties } from './types'

// Each event kind is a standalone function over the tracker base, so a bundle pays only for the
// kinds it imports (the typical chat imports messages and feedback only).

/** Feedback Submitted; true when the rating was valid (sent now, or already sent with that value). */
export function trackFeedback(tracker: TrackerBase, { conversationId, rating, messageId, scale, properties }: FeedbackInput): boolean {
  if (typeof rating !== 'number' || !Number.isFinite(rating) || (scale !== undefined && (rating < 0 || rating > scale))) {
    tracker.report('invalid_rating', rejected(`A rating must be a finite number${scale === undefined ? '' : ` from 0 to ${scale}`} (strings are not converted)`, rating))
    return false
  }
  if (messageId !== undefined && !isNonEmptyString(messageId)) {
    tracker.report('missing_message_id', rejected('Feedback needs a non-empty string messageId, or none for the whole conversation', messageId))
    return false
  }
  if (tracker.claim(feedbackKey(conversationId, messageId), rating)) {
    tracker.emit({ type: 'feedback_submitted', conversationId, timestamp: tracker.now(), properties: compact(properties ?? {}), rating, scale, messageId })
  }
  return true
}

/** The last rating sent for a message (or the conversation), if any. */
export function lastFeedback(tracker: TrackerBase, conversationId: string, messageId?: string): number | undefined {
  return tracker.peek(feedbackKey(conversationId, messageId)) as number | undefined
}

const feedbackKey = (conversationId: string, messageId?: string) => 'f:' + conversationId + ':' + (messageId ?? '')

const validType = (tracker: TrackerBase, type: unknown, what: string) => {
  if (isNonEmptyString(type)) return true
  tracker.report('missing_type', rejected(`${what} needs a non-empty string type`, type))
  return false
}

/** Starts an action (Action Invoked in the Segment spec); the handle completes it once. */
export function startAction(tracker: TrackerBase, input: ActionInput): ActionHandle {
  const noop: ActionHandle = { complete() {} }
  if (!validType(tracker, input.type, 'An action')) return noop
  if (!isNonEmptyString(input.action)) {
    tracker.report('missing_action', rejected(`Action "${input.type}" needs a non-empty string action (what was done)`, input.action))
    return noop
  }
  const event = (type: 'action_started' | 'action_completed', reason?: string): CopilotEvent => ({
    type,
    conversationId: input.conversationId,
    timestamp: tracker.now(),
    properties: compact(input.properties ?? {}),
    actionType: input.type,
    action: input.action,
    title: input.title,
    reason,
    role: normaliseRole(input.role ?? 'customer'),
    messageId: input.messageId,
    id: input.id,
  })
  const scope = input.id === undefined ? undefined : input.conversationId + ':' + input.id
  if (!scope || tracker.claim('a:' + scope)) tracker.emit(event('action_started'))
  let completed = false
  return {
    complete(result) {
      if (completed || (scope && !tracker.claim('ac:' + scope))) return
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
  if (!validType(tracker, type, 'Generated media')) return
  if (id !== undefined && !tracker.claim('g:' + conversationId + ':' + id)) return
  tracker.emit({ type: 'media_generated', conversationId, timestamp: tracker.now(), properties: compact(properties ?? {}), mediaType: type, subType, role: normaliseRole(role), messageId, id })
}

export interface ComponentInput {
  conversationId: string
  type: string
  messageId?: string
  properties?: Properties
}

/** Component Loaded; once per (conversation, message, type). */
export function trackComponent(tracker: TrackerBase, { conversationId, type, messageId, properties }: ComponentInput): void {
  if (!validType(tracker, type, 'A component')) return
  if (!tracker.claim('k:' + conversationId + ':' + (messageId ?? '') + ':' + type)) return
  tracker.emit({ type: 'component_loaded', conversationId, timestamp: tracker.now(), properties: compact(properties ?? {}), componentType: type, messageId })
}

/** A standard Track call tied to the conversation (and to a message when given). */
export function trackCustom(tracker: TrackerBase, conversationId: string, event: string, properties: Properties = {}, { messageId }: { messageId?: string } = {}): void {
  if (!isNonEmptyString(event)) {
    tracker.report('missing_event_name', rejected('track() needs a non-empty event name', event))
    return
  }
  tracker.emit({ type: 'custom', conversationId, timestamp: tracker.now(), properties: compact(properties), event, messageId })
}
