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
  // As in useMessageTracking: a re-run for the same mounted component never sends (or reports) twice.
  const done = useRef('')
  useEffect(() => {
    const key = conversationId + '\n' + messageId + '\n' + type
    if (done.current === key) return
    done.current = key
    trackComponent(tracker, { conversationId, type, messageId })
  }, [tracker, conversationId, type, messageId])
}
