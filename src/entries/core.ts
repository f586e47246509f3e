/**
 * `react-copilot-analytics/core`: the tracker and the specs, with no React. Use it from vanilla
 * JavaScript, another framework, or a server.
 * @packageDocumentation
 */
import { createTracker, type CopilotTracker } from '../core/createTracker'
import type { TrackerOptions } from '../core/tracker'
import { segmentCopilot } from '../specs/segmentCopilot'

/**
 * The framework-free heart of the package: conversation state, exactly-once keys, validation,
 * error isolation and dispatch through one or more specs. Use it without React (vanilla JS,
 * another framework, a server); the React provider builds on the same base.
 *
 * @example
 * import { createCopilotTracker } from 'react-copilot-analytics/core'
 * const tracker = createCopilotTracker({ analytics: window.analytics })
 * tracker.message({ conversationId: 'c1', id: 'm1', role: 'user', body: 'Hi' })
 * // -> Conversation Started, Message Sent
 * tracker.end('c1') // -> Conversation Ended { message_count: 1 }
 */
export function createCopilotTracker(options: TrackerOptions): CopilotTracker {
  // The default vocabulary is chosen here, above core, as the React provider chooses it for React.
  return createTracker(options, segmentCopilot)
}

export type { CopilotTracker } from '../core/createTracker'
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
} from '../core/tracker'
export type { ComponentInput } from '../core/events'
export { MESSAGE_ACTION_EVENTS, type MessageAction, type MessageActionInput } from '../core/messageActions'
export { createKeyStore, DEFAULT_KEY_LIMIT, type KeyStore, type KeyStoreOptions, type StorageLike } from '../core/keyStore'
export { CopilotAnalyticsError, type CopilotAnalyticsErrorCode } from '../core/errors'
export { redactPII, passesLuhn } from '../core/redactPII'
export { BODY_FIELDS, MAX_BODY_BYTES, MAX_PROPERTIES_BYTES, type PrivacyOptions } from '../core/privacy'
export { CONSENT_QUEUE_LIMIT, type Consent } from '../core/consent'
export type { MessageIds } from '../core/options'
export { segmentCopilot } from '../specs/segmentCopilot'
export { withCost, replyCost, type ModelPrice, type PriceTable } from '../specs/withCost'
export { segmentCopilotLegacy } from '../specs/segmentCopilotLegacy'
export { segmentLiveChat } from '../specs/segmentLiveChat'
export { watsonxAssistant } from '../specs/watsonxAssistant'
export { screebCopilot } from '../specs/screebCopilot'
export { screebClient, type ScreebFunction } from '../clients/screebClient'
export type { AnalyticsCall, AnalyticsClient, CopilotEvent, CopilotEventType, CopilotSpec, MessageAgent, Properties, ReplyMetadata, SpecContext } from '../core/types'
