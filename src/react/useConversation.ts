import { useCallback, useMemo, useSyncExternalStore } from 'react'
import type { ConversationState } from '../core/tracker'
import { useCopilotContext } from './context'

export interface UseConversationResult extends ConversationState {
  /** Sends Conversation Started now, unless already sent (it is also sent before the first Message Sent). */
  start(): void
  /** Sends Conversation Ended with `message_count`, at most once and only if the conversation started. */
  end(): void
}

/**
 * The current conversation's state, and explicit start / end.
 *
 * @example
 * const { messageCount, isEnded, end } = useConversation()
 * <button disabled={isEnded} onClick={end}>End chat ({messageCount} messages)</button>
 */
export function useConversation(): UseConversationResult {
  const { tracker, conversationId } = useCopilotContext('useConversation()')
  const getSnapshot = useCallback(() => tracker.getConversation(conversationId), [tracker, conversationId])
  const state = useSyncExternalStore(tracker.subscribe, getSnapshot, getSnapshot)
  return useMemo(
    () => ({ ...state, conversationId, start: () => tracker.start(conversationId), end: () => tracker.end(conversationId) }),
    [state, tracker, conversationId],
  )
}
