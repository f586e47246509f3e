'use client'
/**
 * `react-copilot-analytics/langgraph`: one-line tracking for LangGraph chats (`useStream` from
 * `@langchain/langgraph-sdk/react`). Reads only the shape of `useStream()`'s result;
 * `@langchain/langgraph-sdk` is a type-only optional peer.
 * @packageDocumentation
 */
export { useStreamTracking, type StreamTrackingOptions, type TrackableStream } from '../langgraph/useStreamTracking'
export type { LangGraphToolCall } from '../langgraph/toReplyMessages'
