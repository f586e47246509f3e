'use client'
/**
 * `react-copilot-analytics/ai-sdk`: one-line tracking for Vercel AI SDK chats (`useChat` from
 * `@ai-sdk/react`). Reads only the shape of `useChat()`'s result; `ai` is a type-only optional peer.
 * @packageDocumentation
 */
export { useChatTracking, type ChatToolPart, type ChatTrackingOptions, type TrackableChat } from '../ai-sdk/useChatTracking'
