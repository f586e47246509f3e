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
  map(e: CopilotEvent, context): AnalyticsCall[] {
    if (e.type === 'identify') return [{ type: 'identify', userId: e.userId, anonymousId: e.anonymousId, traits: e.traits }]
    const track = (event: string, fields: Properties = {}): AnalyticsCall[] => [
      {
        type: 'track',
        event,
        properties: compact({ ...browserContext(), ...context?.properties, ...e.properties, sessionId: e.conversationId, ...fields }),
      },
    ]
    switch (e.type) {
      case 'conversation_started':
        return track('Session Started')
      case 'message_received':
        return track('Message Handled')
      case 'action_started':
        return track('Action Started', { action: e.action, actionTitle: e.title })
      case 'action_completed':
        return track('Action Completed', { action: e.action, actionTitle: e.title, actionCompletedReason: e.reason })
      case 'custom':
        return track(e.event)
      default:
        return []
    }
  },
}
