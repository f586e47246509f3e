'use client'
/**
 * `react-copilot-analytics/assistant-ui`: one-line tracking for an assistant-ui thread
 * (`@assistant-ui/react`, an optional peer), and a feedback adapter that sends its thumbs.
 * @packageDocumentation
 */
export { useAssistantTracking, type AssistantTrackingOptions } from '../assistant-ui/useAssistantTracking'
export { useTrackedFeedbackAdapter } from '../assistant-ui/useTrackedFeedbackAdapter'
