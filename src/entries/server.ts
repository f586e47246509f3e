/**
 * `react-copilot-analytics/server`: the tracker on a server. `analyticsNodeClient` adapts
 * `@segment/analytics-node` (an optional peer, never imported: the adapter only calls the instance
 * you pass) so that `createCopilotTracker` from `/core` runs in a route handler.
 * @packageDocumentation
 */
export { analyticsNodeClient, type AnalyticsNodeLike, type AnalyticsNodeParams, type ServerIdentity } from '../clients/analyticsNodeClient'
