import { useCallback, useMemo, useSyncExternalStore } from 'react'
import { NEW_CONVERSATION, type ConversationState } from '../core/tracker'
import { useCopilotContext } from './context'

export interface UseConversationResult extends ConversationState {
  /** Sends Conversation Started now, unless already sent (it is also sent before the first Message Sent). */
  start(): void
  /** Sends Conversation Ended with `message_count`, at most once and only if the conversation started. */
  end(): void
}

const serverSnapshot = () => NEW_CONVERSATION

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
  // The state lives in sessionStorage, which the server cannot see: hydration renders a new
  // conversation, as the server did, then the stored state.
  const state = useSyncExternalStore(tracker.subscribe, getSnapshot, serverSnapshot)
  return useMemo(
    () => ({ ...state, conversationId, start: () => tracker.start(conversationId), end: () => tracker.end(conversationId) }),
    [state, tracker, conversationId],
  )
}
