import { createElement, isValidElement, memo, type ElementType, type HTMLAttributes, type ReactNode } from 'react'
import { useMessageTracking, type TrackedMessageInput } from './useMessageTracking'
import { textOf } from './textOf'

export interface TrackedMessageProps extends TrackedMessageInput, Omit<HTMLAttributes<HTMLElement>, 'id' | 'role'> {
  /** The element to render; default `div`. */
  as?: ElementType
  /** What to render; default the body (content parts and other objects as their text). */
  children?: ReactNode
}

// `properties`, `agent` and `metadata` are read only by the render that sends the event (one whose
// tracked props changed, so never skipped): new objects there alone (`properties={{ ... }}` inline)
// need no render.
// Every other prop (children, className, handlers) re-renders when it changes, as it would unmemoised.
const sameMessage = (before: Record<string, unknown>, after: Record<string, unknown>) =>
  Object.keys({ ...before, ...after }).every((key) => key === 'properties' || key === 'agent' || key === 'metadata' || before[key] === after[key])

/**
 * Renders a chat message (as text, never as HTML) and tracks it: Message Sent for the user's
 * messages, Message Received for replies once `status` is `complete`. Memoised: a chat that
 * re-renders every row per streamed token re-renders only the rows whose props changed.
 *
 * @example
 * {messages.map((m) => (
 *   <TrackedMessage key={m.id} id={m.id} role={m.role} body={m.text} status={m.streaming ? 'streaming' : 'complete'} />
 * ))}
 */
export const TrackedMessage = memo(function TrackedMessage(props: TrackedMessageProps) {
  useMessageTracking(props)
  // The tracking props are taken out: they are not DOM attributes.
  const { id, role, body, status, agent, properties, history, metadata, as = 'div', children, ...rest } = props
  // Content parts show as their text (React would throw on an object), what cannot be read (which
  // the tracker reports) as nothing. textOf never throws, so an unreadable body is not asked isValidElement.
  const text = textOf(body)
  return createElement(as, rest, children ?? (text !== undefined && isValidElement(body) ? body : text))
}, sameMessage)
