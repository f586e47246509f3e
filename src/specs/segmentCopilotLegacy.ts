import type { AnalyticsCall, CopilotEvent, CopilotSpec } from '../core/types'
import { segmentCopilot } from './segmentCopilot'

/**
 * The earlier published edition of Segment's AI Copilot spec: Action Invoked was named
 * `Tool Invoked`, and messages and actions carried no `role`. Everything else is
 * {@link segmentCopilot}'s mapping.
 *
 * @example
 * import { segmentCopilotLegacy } from 'react-copilot-analytics'
 * <CopilotAnalyticsProvider analytics={analytics} spec={segmentCopilotLegacy}>
 */
export const segmentCopilotLegacy: CopilotSpec = {
  name: 'segment-ai-copilot-legacy',
  map(event: CopilotEvent, context): AnalyticsCall[] {
    const roleless = event.type === 'message_sent' || event.type === 'message_received' || event.type === 'action_started'
    return segmentCopilot.map(event, context).map((call) => {
      if (call.type !== 'track' || !roleless) return call
      const { role: _specRole, ...properties } = call.properties
      // A `role` the caller passed as an extra property is theirs to keep: only the spec's goes.
      if (event.properties.role !== undefined) properties.role = event.properties.role
      return { ...call, event: event.type === 'action_started' ? 'Tool Invoked' : call.event, properties }
    })
  },
}
