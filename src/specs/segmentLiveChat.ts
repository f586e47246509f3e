import { compact } from '../core/compact'
import type { AnalyticsCall, CopilotEvent, CopilotSpec, MessageAgent, Properties } from '../core/types'

/** Whole seconds, because the Live Chat spec counts `conversation_duration` in seconds. */
const seconds = (ms: number) => Math.floor(Math.max(0, ms) / 1000)

/**
 * Segment's Live Chat spec: `Live Chat Conversation Started`, `Live Chat Message Sent`,
 * `Live Chat Message Received`, `Live Chat Conversation Ended`, with snake_case `conversation_id`,
 * `message_id`, `message_body`, `conversation_duration` (whole seconds since the conversation started)
 * and, when the message names its agent (on the first customer message too, for Started), `agent_id`, `agent_name`, `agent_username`. Actions, media,
 * components and feedback have no name in this vocabulary and are not sent by it; your own
 * `track()` / `trackConversion()` calls are sent as standard Track calls.
 *
 * @example
 * import { segmentLiveChat } from 'react-copilot-analytics'
 * <CopilotAnalyticsProvider analytics={analytics} spec={segmentLiveChat}>
 *   <TrackedMessage id="m2" role="agent" body="Yeah, uh huh" agent={{ id: 'bce89', name: 'Peter Gibbons', username: 'pgibbons' }} />
 */
export const segmentLiveChat: CopilotSpec = {
  name: 'segment-live-chat',
  map(event: CopilotEvent): AnalyticsCall[] {
    if (event.type === 'identify') return [{ type: 'identify', userId: event.userId, anonymousId: event.anonymousId, traits: event.traits }]
    const track = (name: string, fields: Properties, agent?: MessageAgent): AnalyticsCall[] => [
      {
        type: 'track',
        event: name,
        properties: {
          ...event.properties,
          ...compact({ agent_id: agent?.id, agent_name: agent?.name, agent_username: agent?.username, conversation_id: event.conversationId, ...fields }),
        },
      },
    ]
    switch (event.type) {
      case 'conversation_started':
        return track(
          'Live Chat Conversation Started',
          { conversation_duration: 0, message_id: event.firstMessage?.messageId, message_body: event.firstMessage?.body },
          event.firstMessage?.agent,
        )
      case 'message_sent':
      case 'message_received':
        return track(
          event.type === 'message_sent' ? 'Live Chat Message Sent' : 'Live Chat Message Received',
          {
            conversation_duration: event.startedAt === undefined ? undefined : seconds(event.timestamp - event.startedAt),
            message_id: event.messageId,
            message_body: event.body,
          },
          event.agent,
        )
      case 'conversation_ended':
        return track('Live Chat Conversation Ended', { conversation_duration: seconds(event.durationMs) })
      case 'custom':
        return track(event.event, { message_id: event.messageId })
      default:
        return []
    }
  },
}
