import { lastFeedback, startAction, trackAction, trackComponent, trackConversion, trackCustom, trackFeedback, trackMedia, type ComponentInput } from './events'
import { trackMessageAction, type MessageActionInput } from './messageActions'
import { createTrackerBase, type ActionHandle, type ActionInput, type FeedbackInput, type MediaInput, type TrackerBase, type TrackerOptions } from './tracker'
import type { CopilotSpec, Properties } from './types'

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
  /** Implicit feedback: Message Copied, Reply Regenerated (once per replaced reply) or Message Edited. */
  messageAction(input: MessageActionInput): void
  /** A conversion: a Track call named `name` for Segment, `screeb_copilot_conversion` for Screeb. */
  conversion(conversationId: string, name: string, properties?: Properties, options?: { messageId?: string }): void
}

/**
 * The whole tracker over {@link createTrackerBase}. Core knows no vocabulary: `defaultSpec` is the one
 * used when `options.spec` names none, chosen by the caller (the `/core` entry passes segmentCopilot).
 */
export function createTracker(options: TrackerOptions, defaultSpec: CopilotSpec): CopilotTracker {
  const base = createTrackerBase(options, defaultSpec)
  return {
    ...base,
    feedback: (input) => trackFeedback(base, input),
    getFeedback: (conversationId, messageId) => lastFeedback(base, conversationId, messageId),
    action: (input) => trackAction(base, input),
    startAction: (input) => startAction(base, input),
    media: (input) => trackMedia(base, input),
    component: (input) => trackComponent(base, input),
    track: (conversationId, event, properties, messageOptions) => trackCustom(base, conversationId, event, properties, messageOptions),
    messageAction: (input) => trackMessageAction(base, input),
    conversion: (conversationId, name, properties, messageOptions) => trackConversion(base, conversationId, name, properties, messageOptions),
  }
}
