import { useEffect } from 'react'
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
  useEffect(() => trackComponent(tracker, { conversationId, type, messageId }), [tracker, conversationId, type, messageId])
}
