import type { ReactNode } from 'react'
import { useComponentTracking } from './useComponentTracking'

export interface TrackedComponentProps {
  /** The kind of custom component, e.g. "Stock Price Chart". */
  type: string
  messageId?: string
  children?: ReactNode
}

/**
 * Renders its children and sends Component Loaded once for them.
 *
 * @example
 * <TrackedComponent type="Stock Price Chart" messageId={message.id}>
 *   <StockChart symbol="ACME" />
 * </TrackedComponent>
 */
export function TrackedComponent({ type, messageId, children }: TrackedComponentProps) {
  useComponentTracking(type, { messageId })
  return <>{children}</>
}
