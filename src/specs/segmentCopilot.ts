import { compact } from '../core/compact'
import type { AnalyticsCall, CopilotEvent, CopilotSpec } from '../core/types'

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
  // Read as any kind of event: each kind defines only its own fields, and the others read undefined.
  map(event: CopilotEvent & Partial<Record<string, never>>): AnalyticsCall[] {
    const { type } = event
    if (type === 'identify') return [{ type: 'identify', userId: event.userId, anonymousId: event.anonymousId, traits: event.traits }]
    // The canonical type in Title Case ("message_received": Message Received), except an action's
    // start (Action Invoked); an action's completion has no name in this spec.
    const name = type === 'custom' ? event.event : type === 'action_started' ? 'Action Invoked' : type !== 'action_completed' && type.replace(/(^|_)(.)/g, (_, gap: string, c: string) => (gap && ' ') + c.toUpperCase())
    if (!name) return []
    const fields = {
      conversationId: event.conversationId,
      messageId: event.messageId,
      message_body: event.body,
      role: event.role,
      message_count: event.messageCount,
      type: event.actionType ?? event.mediaType ?? event.componentType,
      action: event.action,
      sub_type: event.subType,
      rating: event.rating,
    }
    // The undefined ones are dropped before the merge, so the caller's extra properties survive
    // unless the spec really sets that name.
    return [{ type: 'track', event: name, properties: { ...event.properties, ...compact(fields) } }]
  },
}
