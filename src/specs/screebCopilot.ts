import { compact } from '../core/compact'
import type { AnalyticsCall, CopilotEvent, CopilotSpec, Properties } from '../core/types'
import { tabSessionId } from './tabSessionId'

/**
 * Screeb's copilot events: `screeb_copilot_user_prompt` { prompt }, `screeb_copilot_response`
 * { response }, `screeb_copilot_satisfaction` { rating_scale, rating } (both strings, as Screeb wants
 * them; give the scale with `useFeedback(id, { scale: 5 })`) and `screeb_copilot_conversion`
 * (from `trackConversion(name)`, with `conversion_name`). Each carries `conversation_id` and
 * `session_id` (the provider's `sessionId`, by default an id kept for the browser tab) and, when the
 * event concerns a message, `message_id`. Deliver them with {@link screebClient}.
 *
 * @example
 * import { screebClient, screebCopilot } from 'react-copilot-analytics'
 * <CopilotAnalyticsProvider analytics={screebClient()} spec={screebCopilot}>
 */
export const screebCopilot: CopilotSpec = {
  name: 'screeb-copilot',
  map(event: CopilotEvent, context): AnalyticsCall[] {
    if (event.type === 'identify') return [{ type: 'identify', userId: event.userId, anonymousId: event.anonymousId, traits: event.traits }]
    const track = (name: string, fields: Properties): AnalyticsCall[] => [
      {
        type: 'track',
        event: 'screeb_copilot_' + name,
        properties: { ...event.properties, ...compact({ ...fields, conversation_id: event.conversationId, session_id: context?.sessionId || tabSessionId() }) },
      },
    ]
    switch (event.type) {
      case 'message_sent':
        return track('user_prompt', { prompt: event.body, message_id: event.messageId })
      case 'message_received':
        return track('response', { response: event.body, message_id: event.messageId })
      case 'feedback_submitted':
        return track('satisfaction', { rating_scale: event.scale === undefined ? undefined : String(event.scale), rating: String(event.rating), message_id: event.messageId })
      case 'custom':
        // Only conversions have a name in this vocabulary; other custom events are not sent by it.
        return event.conversion ? track('conversion', { conversion_name: event.event, message_id: event.messageId }) : []
      default:
        return []
    }
  },
}
