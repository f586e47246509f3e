import { lastFeedback, startAction, trackAction, trackComponent, trackConversion, trackCustom, trackFeedback, trackMedia, type ComponentInput } from './events'
import { createTrackerBase, type ActionHandle, type ActionInput, type FeedbackInput, type MediaInput, type TrackerBase, type TrackerOptions } from './tracker'
import type { Properties } from './types'

/** The whole tracker: every event kind as a method. */
export interface CopilotTracker extends TrackerBase {
  /** Feedback Submitted; false when the rating was invalid (reported through onError). */
  feedback(input: FeedbackInput): boolean
  getFeedback(conversationId: string, messageId?: string): number | undefined
  /** A one-shot action: started and completed at once. */
  action(input: ActionInput): void
  startAction(input: ActionInput): ActionHandle
  media(input: MediaInput): void
  component(input: ComponentInput): void
  track(conversationId: string, event: string, properties?: Properties, options?: { messageId?: string }): void
  /** A conversion: a Track call named `name` for Segment, `screeb_copilot_conversion` for Screeb. */
  conversion(conversationId: string, name: string, properties?: Properties, options?: { messageId?: string }): void
}

/**
 * The framework-free heart of the package: conversation state, exactly-once keys, validation,
 * error isolation and dispatch through one or more specs. Use it without React (vanilla JS,
 * another framework, a server); the React provider builds on the same base.
 *
 * @example
 * import { createCopilotTracker } from 'react-copilot-analytics/core'
 * const tracker = createCopilotTracker({ analytics: window.analytics })
 * tracker.message({ conversationId: 'c1', id: 'm1', role: 'user', body: 'Hi' })
 * // -> Conversation Started, Message Sent
 * tracker.end('c1') // -> Conversation Ended { message_count: 1 }
 */
export function createCopilotTracker(options: TrackerOptions): CopilotTracker {
  const base = createTrackerBase(options)
  return {
    ...base,
    feedback: (input) => trackFeedback(base, input),
    getFeedback: (conversationId, messageId) => lastFeedback(base, conversationId, messageId),
    action: (input) => trackAction(base, input),
    startAction: (input) => startAction(base, input),
    media: (input) => trackMedia(base, input),
    component: (input) => trackComponent(base, input),
    track: (conversationId, event, properties, messageOptions) => trackCustom(base, conversationId, event, properties, messageOptions),
    conversion: (conversationId, name, properties, messageOptions) => trackConversion(base, conversationId, name, properties, messageOptions),
  }
}
