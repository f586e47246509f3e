import { useEffect, useRef } from 'react'
import { trackComponent } from '../core/events'
import { useCopilotContext } from './context'

/**
 * Sends Component Loaded once per (conversation, message, type) when the calling component mounts.
 *
 * @example
 * function StockChart({ messageId }) {
 *   useComponentTracking('Stock Price Chart', { messageId })
 *   return <svg>...</svg>
 * }
 */
export function useComponentTracking(type: string, { messageId }: { messageId?: string } = {}): void {
  const { tracker, conversationId } = useCopilotContext('useComponentTracking()')
  // As in useMessageTracking: a re-run for the same mounted component never sends (or reports)
  // twice; compared as values so that a hostile messageId (a Symbol) cannot throw here.
  const done = useRef<unknown[]>([])
  useEffect(() => {
    const [doneConversation, doneMessage, doneType] = done.current
    if (done.current.length && doneConversation === conversationId && doneMessage === messageId && doneType === type) return
    done.current = [conversationId, messageId, type]
    trackComponent(tracker, { conversationId, type, messageId })
  }, [tracker, conversationId, type, messageId])
}
