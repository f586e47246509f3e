import { useRef, useState } from 'react'
import type { FeedbackAdapter } from '@assistant-ui/react'
import { trackFeedback } from '../core/events'
import { useCopilotContext } from '../react/context'

type Feedback = Parameters<FeedbackAdapter['submit']>[0]

/**
 * A `FeedbackAdapter` for an assistant-ui runtime that sends Feedback Submitted when the user rates a
 * message with the built-in thumbs (`ActionBarPrimitive.FeedbackPositive` / `FeedbackNegative`),
 * for that message's id (the id its Message Received carried): positive is `rating: 1`, negative
 * `rating: 0`, on a scale of 1. As with `useFeedback`, the same rating twice for a message sends
 * once, and a changed rating sends again. Then it calls your own adapter, if you pass one (what it
 * throws is yours, as without this wrapper). Call it inside `<CopilotAnalyticsProvider>`, where you
 * create the runtime; the adapter keeps its identity across renders.
 *
 * @example
 * function Runtime({ children }: { children: React.ReactNode }) {
 *   const feedback = useTrackedFeedbackAdapter(myFeedbackAdapter) // or no argument
 *   const runtime = useLocalRuntime(model, { adapters: { feedback } })
 *   return <AssistantRuntimeProvider runtime={runtime}>{children}</AssistantRuntimeProvider>
 * }
 */
export function useTrackedFeedbackAdapter(inner?: FeedbackAdapter): FeedbackAdapter {
  const { tracker, conversationId } = useCopilotContext('useTrackedFeedbackAdapter()')
  const latest = useRef({ tracker, conversationId, inner })
  latest.current = { tracker, conversationId, inner }
  const [adapter] = useState<FeedbackAdapter>(() => ({
    submit(feedback: Feedback) {
      const { tracker, conversationId, inner } = latest.current
      let messageId: unknown
      let type: unknown
      try {
        type = feedback.type
        messageId = feedback.message.id
      } catch (error) {
        messageId = error // reported as the message id it could not read
      }
      // Not `undefined` when missing: that would rate the whole conversation. trackFeedback reports
      // an id that is not a non-empty string (missing_message_id), and a type that is neither thumb
      // as a rating that is not a number (invalid_rating).
      const rating = type === 'positive' ? 1 : type === 'negative' ? 0 : Number.NaN
      trackFeedback(tracker, { conversationId, messageId: (messageId ?? null) as string, rating, scale: 1 })
      return inner?.submit(feedback)
    },
  }))
  return adapter
}
