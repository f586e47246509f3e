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
export function TrackedMessage({ id, role, body, status, agent, properties, as = 'div', children, ...rest }: TrackedMessageProps) {
  useMessageTracking({ id, role, body, status, agent, properties })
  return createElement(as, rest, children ?? body)
}
