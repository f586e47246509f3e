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
  map(e: CopilotEvent, context): AnalyticsCall[] {
    if (e.type === 'identify') return [{ type: 'identify', userId: e.userId, anonymousId: e.anonymousId, traits: e.traits }]
    const track = (event: string, fields: Properties): AnalyticsCall[] => [
      {
        type: 'track',
        event: 'screeb_copilot_' + event,
        properties: { ...e.properties, ...compact({ ...fields, conversation_id: e.conversationId, session_id: context?.sessionId || tabSessionId() }) },
      },
    ]
    switch (e.type) {
      case 'message_sent':
        return track('user_prompt', { prompt: e.body, message_id: e.messageId })
      case 'message_received':
        return track('response', { response: e.body, message_id: e.messageId })
      case 'feedback_submitted':
        return track('satisfaction', { rating_scale: e.scale === undefined ? undefined : String(e.scale), rating: String(e.rating), message_id: e.messageId })
      case 'custom':
        // Only conversions have a name in this vocabulary; other custom events are not sent by it.
        return e.conversion ? track('conversion', { conversion_name: e.event, message_id: e.messageId }) : []
      default:
        return []
    }
  },
}
