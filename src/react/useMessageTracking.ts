import { useRef, type ReactNode } from 'react'
import type { MessageAgent, Properties, ReplyMetadata } from '../core/types'
import { useCopilotContext } from './context'
import { useIsomorphicLayoutEffect } from './useIsomorphicLayoutEffect'
import { textOf } from './textOf'

export interface TrackedMessageInput {
  /** Your chat state's id for the message: the exactly-once key. */
  id: string
  /** `user` / `customer` send Message Sent; any other role (`assistant`, `agent`, ...) Message Received. */
  role: string
  /**
   * The message text. A React node is sent as the text it shows, content parts (`[{ type: 'text',
   * text: 'Hi' }]`, as OpenAI-style APIs send them) as their text parts joined.
   */
  body?: ReactNode | readonly { type: string; text?: unknown }[]
  /** `streaming` holds the event back (and times the reply); `complete` (the default) sends it once, with the final body. */
  status?: 'complete' | 'streaming' | (string & {})
  /**
   * Restored history: set it on messages that were sent in an earlier session (a new tab, a chat
   * reloaded from your server). They are remembered as sent and counted, and never sent again.
   */
  history?: boolean
  /** The agent behind the message, for vocabularies that name one (Segment Live Chat). */
  agent?: MessageAgent
  /**
   * A reply's model, provider, token counts, finish reason and trace id, sent on its Message Received
   * (see docs/llm-signals.md); a field that is unknown is left out.
   */
  metadata?: ReplyMetadata
  /** Extra properties for this message's event. */
  properties?: Properties
}

/**
 * Declarative message tracking: call it with the message as it renders; the event is sent once,
 * when the message is complete, however often it renders, remounts or streams.
 *
 * @example
 * function Bubble({ message }) {
 *   useMessageTracking({ id: message.id, role: message.role, body: message.text, status: message.status })
 *   return <p>{message.text}</p>
 * }
 */
export function useMessageTracking(message: TrackedMessageInput): void {
  const { id, role, body, status } = message
  const { tracker, conversationId } = useCopilotContext('useMessageTracking()')
  // What this mounted message already handed over: a re-run of its effect (StrictMode, new deps)
  // never sends (or reports) it again, even if the bounded key store has since forgotten the key.
  // Compared as values, not joined into a string: a hostile id (a Symbol) must not throw here.
  const done = useRef<unknown[]>([])
  const text = textOf(body)
  useIsomorphicLayoutEffect(() => {
    const [doneConversation, doneId] = done.current
    if (doneConversation === conversationId && doneId === id) return
    // agent and properties are read from this render, the one that changed a dependency:
    // unmemoised objects there never re-run the effect on their own.
    // A body it cannot read goes as it is: the tracker reports it and sends the message without.
    tracker.message({ ...message, conversationId, body: text ?? (body as string) })
    if ((status ?? 'complete') === 'complete') done.current = [conversationId, id]
  }, [tracker, conversationId, id, role, text, status])
}
