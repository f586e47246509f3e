'use client'
/**
 * `react-copilot-analytics/ag-ui`: one-line tracking for any AG-UI agent (`@ag-ui/client`), which is
 * also CopilotKit's (`useAgent()` returns such an agent). Reads the agent through its public
 * subscription API; `@ag-ui/client` is a type-only optional peer.
 * @packageDocumentation
 */
export { useAgentTracking } from '../ag-ui/useAgentTracking'
export { trackAgent, type AgentTrackingOptions } from '../ag-ui/trackAgent'
export type { TrackableAgent } from '../ag-ui/agentRuns'
export type { AgentToolCall } from '../ag-ui/toReplyMessages'
