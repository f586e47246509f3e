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
  map(e: CopilotEvent, context): AnalyticsCall[] {
    const roleless = e.type === 'message_sent' || e.type === 'message_received' || e.type === 'action_started'
    return segmentCopilot.map(e, context).map((call) => {
      if (call.type !== 'track' || !roleless) return call
      const { role: _specRole, ...properties } = call.properties
      // A `role` the caller passed as an extra property is theirs to keep: only the spec's goes.
      if (e.properties.role !== undefined) properties.role = e.properties.role
      return { ...call, event: e.type === 'action_started' ? 'Tool Invoked' : call.event, properties }
    })
  },
}
