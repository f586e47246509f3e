/**
 * `react-copilot-analytics/core`: the tracker and the specs, with no React. Use it from vanilla
 * JavaScript, another framework, or a server.
 * @packageDocumentation
 */
export { createCopilotTracker, type CopilotTracker } from './createCopilotTracker'
export {
  normaliseRole,
  type ActionHandle,
  type ActionInput,
  type ConversationRecord,
  type ConversationState,
  type FeedbackInput,
  type MediaInput,
  type MessageInput,
  type TrackerBase,
  type TrackerOptions,
} from './tracker'
export type { ComponentInput } from './events'
export { createKeyStore, DEFAULT_KEY_LIMIT, type KeyStore, type KeyStoreOptions, type StorageLike } from './keyStore'
export { CopilotAnalyticsError, type CopilotAnalyticsErrorCode } from './errors'
export { segmentCopilot } from '../specs/segmentCopilot'
export { segmentCopilotLegacy } from '../specs/segmentCopilotLegacy'
export { segmentLiveChat } from '../specs/segmentLiveChat'
export { watsonxAssistant } from '../specs/watsonxAssistant'
export { screebCopilot } from '../specs/screebCopilot'
export { screebClient, type ScreebFunction } from '../clients/screebClient'
export type { AnalyticsCall, AnalyticsClient, CopilotEvent, CopilotEventType, CopilotSpec, MessageAgent, Properties, SpecContext } from './types'
