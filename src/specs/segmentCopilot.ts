import { compact } from '../core/compact'
import type { AnalyticsCall, CopilotEvent, CopilotEventType, CopilotSpec } from '../core/types'

/** Segment's event name for each canonical event; kinds with no name here are not sent. */
export const SEGMENT_COPILOT_EVENTS: Partial<Record<CopilotEventType, string>> = {
  conversation_started: 'Conversation Started',
  message_sent: 'Message Sent',
  message_received: 'Message Received',
  conversation_ended: 'Conversation Ended',
  action_started: 'Action Invoked',
  media_generated: 'Media Generated',
  component_loaded: 'Component Loaded',
  feedback_submitted: 'Feedback Submitted',
}

/**
 * Segment's AI Copilot spec (the default vocabulary). Property names are the spec's own:
 * `conversationId`, `messageId`, `message_body`, `role`, `message_count`, `type`, `action`,
 * `sub_type`, `rating`.
 *
 * @example
 * <CopilotAnalyticsProvider analytics={analytics} spec={segmentCopilot}>
 */
export const segmentCopilot: CopilotSpec = {
  name: 'segment-ai-copilot',
  map(e: CopilotEvent): AnalyticsCall[] {
    if (e.type === 'identify') return [{ type: 'identify', userId: e.userId, anonymousId: e.anonymousId, traits: e.traits }]
    const event = e.type === 'custom' ? e.event : SEGMENT_COPILOT_EVENTS[e.type]
    if (!event) return []
    // Each canonical event defines only its own fields; the undefined rest is dropped before the
    // merge, so the caller's extra properties survive unless the spec really sets that name.
    const any = e as Partial<Record<string, never>> & typeof e
    const fields = compact({
      conversationId: e.conversationId,
      messageId: any.messageId,
      message_body: any.body,
      role: any.role,
      message_count: any.messageCount,
      type: any.actionType ?? any.mediaType ?? any.componentType,
      action: any.action,
      sub_type: any.subType,
      rating: any.rating,
    })
    return [{ type: 'track', event, properties: { ...e.properties, ...fields } }]
  },
}
