import { useCallback, useSyncExternalStore } from 'react'
import type { Properties } from '../core/types'
import { lastFeedback, trackFeedback } from '../core/events'
import { useCopilotContext } from './context'

export interface UseFeedbackResult {
  /** Sends Feedback Submitted; the same rating twice sends once, a changed rating sends again. */
  submit(rating: number, properties?: Properties): void
  /** The last rating submitted for this target, if any (kept across remounts and reloads). */
  rating: number | undefined
}

const noRating = () => undefined

/**
 * Feedback on a message, or on the whole conversation when no messageId is given.
 *
 * @example
 * const { submit, rating } = useFeedback(message.id, { scale: 5 })
 * <button aria-pressed={rating === 1} onClick={() => submit(1)}>👍</button>
 */
export function useFeedback(messageId?: string, { scale }: { scale?: number } = {}): UseFeedbackResult {
  const { tracker, conversationId } = useCopilotContext('useFeedback()')
  const submit = useCallback(
    (rating: number, properties?: Properties) => void trackFeedback(tracker, { conversationId, messageId, rating, scale, properties }),
    [tracker, conversationId, messageId, scale],
  )
  // The stored rating (sessionStorage) is unknown to the server: hydration renders none, then shows it.
  const rating = useSyncExternalStore(tracker.subscribe, () => lastFeedback(tracker, conversationId, messageId), noRating)
  return { submit, rating }
}
