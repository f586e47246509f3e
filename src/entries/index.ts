'use client'
/**
 * react-copilot-analytics: React hooks and components that turn an AI-copilot chat UI into
 * Segment AI Copilot analytics, every event exactly once and in order.
 * @packageDocumentation
 */
export { CopilotAnalyticsProvider, type CopilotAnalyticsProviderProps } from '../react/CopilotAnalyticsProvider'
export { TrackedMessage, type TrackedMessageProps } from '../react/TrackedMessage'
export { TrackedComponent, type TrackedComponentProps } from '../react/TrackedComponent'
export { useConversation, type UseConversationResult } from '../react/useConversation'
export { useMessageTracking, type TrackedMessageInput } from '../react/useMessageTracking'
export { useFeedback, type UseFeedbackResult } from '../react/useFeedback'
export { useComponentTracking } from '../react/useComponentTracking'
export { useActionTracking, type ActionOptions, type UseActionTrackingResult } from '../react/useActionTracking'
export { useMediaTracking, type MediaOptions } from '../react/useMediaTracking'
export { useCopilotAnalytics, type UseCopilotAnalyticsResult } from '../react/useCopilotAnalytics'
export { segmentCopilot } from '../specs/segmentCopilot'
export { segmentCopilotLegacy } from '../specs/segmentCopilotLegacy'
export { segmentLiveChat } from '../specs/segmentLiveChat'
export { watsonxAssistant } from '../specs/watsonxAssistant'
export { screebCopilot } from '../specs/screebCopilot'
export { screebClient, type ScreebFunction } from '../clients/screebClient'
export { CopilotAnalyticsError, type CopilotAnalyticsErrorCode } from '../core/errors'
export { redactPII } from '../core/redactPII'
export type { PrivacyOptions } from '../core/privacy'
export type { Consent } from '../core/consent'
export type { MessageIds } from '../core/options'
export type { ActionHandle, ConversationState } from '../core/tracker'
export type { AnalyticsCall, AnalyticsClient, CopilotEvent, CopilotEventType, CopilotSpec, MessageAgent, Properties, ReplyMetadata, SpecContext } from '../core/types'
