import { createElement, type ElementType, type HTMLAttributes, type ReactNode } from 'react'
import { useMessageTracking, type TrackedMessageInput } from './useMessageTracking'

export interface TrackedMessageProps extends TrackedMessageInput, Omit<HTMLAttributes<HTMLElement>, 'id' | 'role'> {
  /** The element to render; default `div`. */
  as?: ElementType
  /** What to render; default the body, as text. */
  children?: ReactNode
}

/**
 * Renders a chat message (as text, never as HTML) and tracks it: Message Sent for the user's
 * messages, Message Received for replies once `status` is `complete`.
 *
 * @example
 * {messages.map((m) => (
 *   <TrackedMessage key={m.id} id={m.id} role={m.role} body={m.text} status={m.streaming ? 'streaming' : 'complete'} />
 * ))}
 */
export function TrackedMessage(props: TrackedMessageProps) {
  useMessageTracking(props)
  // The tracking props are taken out: they are not DOM attributes.
  const { id, role, body, status, agent, properties, history, as = 'div', children, ...rest } = props
  return createElement(as, rest, children ?? body)
}
