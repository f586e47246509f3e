import { compact } from '../core/compact'
import type { AnalyticsCall, CopilotEvent, CopilotSpec, Properties } from '../core/types'
import { browserContext } from './browserContext'

/**
 * The events IBM watsonx Assistant sends to Segment: `Session Started` when the conversation starts,
 * `Message Handled` for each assistant reply, `Action Started` / `Action Completed` for actions
 * (`useActionTracking().start()` and its handle's `complete({ reason })`; a one-shot `track()` sends
 * both). `sessionId` is the conversation id. The context properties `assistantId`, `environment`,
 * `channel`, `serviceInstance`, `accountId` and `language` come from the provider's `properties`;
 * `browser`, `device`, `pageUrl` and `language` from the browser where it can tell, and the provider's
 * values win. Your own `track()` / `trackConversion()` calls are standard Track calls with the same
 * context.
 *
 * @example
 * import { watsonxAssistant } from 'react-copilot-analytics'
 * <CopilotAnalyticsProvider analytics={analytics} spec={watsonxAssistant}
 *   properties={{ assistantId: 'a1b2', environment: 'live', channel: 'chat' }}>
 */
export const watsonxAssistant: CopilotSpec = {
  name: 'watsonx-assistant',
  map(event: CopilotEvent, context): AnalyticsCall[] {
    if (event.type === 'identify') return [{ type: 'identify', userId: event.userId, anonymousId: event.anonymousId, traits: event.traits }]
    const track = (name: string, fields: Properties = {}): AnalyticsCall[] => [
      {
        type: 'track',
        event: name,
        properties: compact({ ...browserContext(), ...context?.properties, ...event.properties, sessionId: event.conversationId, ...fields }),
      },
    ]
    switch (event.type) {
      case 'conversation_started':
        return track('Session Started')
      case 'message_received':
        return track('Message Handled')
      case 'action_started':
        return track('Action Started', { action: event.action, actionTitle: event.title })
      case 'action_completed':
        return track('Action Completed', { action: event.action, actionTitle: event.title, actionCompletedReason: event.reason })
      case 'custom':
        return track(event.event)
      default:
        return []
    }
  },
}
