import { useCallback, useSyncExternalStore } from 'react'
import type { Properties } from '../core/types'
import { lastFeedback, trackFeedback } from '../core/events'
import { useCopilotContext } from './context'

/**
 * What may come with a rating: a `reason` from a list your app defines (the type parameter of
 * {@link useFeedback}) and a free-text `comment` (guarded like a message body: redacted, capped,
 * left out when bodies are not captured), besides any properties of your own.
 */
export type FeedbackDetails<Reason extends string = string> = { reason?: Reason; comment?: string } & Properties

export interface UseFeedbackResult<Reason extends string = string> {
  /**
   * Sends Feedback Submitted; the same rating (with the same reason and comment) twice sends once, a
   * changed rating, reason or comment sends again.
   */
  submit(rating: number, details?: FeedbackDetails<Reason>): void
  /** The last rating submitted for this target, if any (kept across remounts and reloads). */
  rating: number | undefined
}

/**
 * Feedback on a message, or on the whole conversation when no messageId is given. Name your
 * reasons in the type parameter to have TypeScript keep `reason` to your list.
 *
 * @example
 * const { submit, rating } = useFeedback<'inaccurate' | 'unsafe' | 'other'>(message.id, { scale: 1 })
 * <button aria-pressed={rating === 1} onClick={() => submit(1)}>👍</button>
 * <button onClick={() => submit(0, { reason: 'inaccurate', comment: 'The date is wrong' })}>👎</button>
 */
export function useFeedback<Reason extends string = string>(messageId?: string, options?: { scale?: number } | null): UseFeedbackResult<Reason> {
  const { tracker, conversationId } = useCopilotContext('useFeedback()')
  const scale = options?.scale
  const submit = useCallback(
    (rating: number, properties?: Properties) => void trackFeedback(tracker, { conversationId, messageId, rating, scale, properties }),
    [tracker, conversationId, messageId, scale],
  )
  // The stored rating (sessionStorage) is unknown to the server: hydration renders none, then shows it.
  const rating = useSyncExternalStore(tracker.subscribe, () => lastFeedback(tracker, conversationId, messageId), () => undefined)
  return { submit, rating }
}
