import { useMemo } from 'react'
import type { Properties } from '../core/types'
import { isNonEmptyString } from '../core/tracker'
import { trackCustom } from '../core/events'
import { useCopilotContext } from './context'

/**
 * The implicit-feedback events (our extension of the Segment AI Copilot spec, named in its
 * "Object Action" style): a message copied, a reply regenerated, a user message edited.
 */
export const MESSAGE_ACTION_EVENTS = {
  copy: 'Message Copied',
  regenerate: 'Reply Regenerated',
  edit: 'Message Edited',
} as const

export type MessageAction = keyof typeof MESSAGE_ACTION_EVENTS

/** One tracker per action: call it in the handler of the user's click, once per action. */
export type UseMessageActionsResult = Record<MessageAction, (properties?: Properties) => void>

// Bundlers replace process.env.NODE_ENV; the subjects of reports are for development only.
declare const process: { env: { NODE_ENV?: string } }

/**
 * Implicit feedback on one message: `copy()` (Message Copied), `regenerate()` (Reply Regenerated,
 * whose `messageId` is the reply being replaced) and `edit()` (Message Edited, on the user's
 * message). Each call is one event, sent at once: call them from the user's click, never from an
 * effect or a render (a copy clicked twice is two copies; rendering sends nothing).
 *
 * @example
 * const actions = useMessageActions(message.id)
 * <button onClick={() => { navigator.clipboard.writeText(text); actions.copy() }}>Copy</button>
 * <button onClick={() => { actions.regenerate(); regenerate() }}>Retry</button>
 */
export function useMessageActions(messageId: string): UseMessageActionsResult {
  const { tracker, conversationId } = useCopilotContext('useMessageActions()')
  return useMemo(() => {
    const tracked = (action: MessageAction) => (properties?: Properties) => {
      const event = MESSAGE_ACTION_EVENTS[action]
      // Each event is about a message: without its id it says nothing.
      if (!isNonEmptyString(messageId)) tracker.report('missing_message_id', process.env.NODE_ENV !== 'production' ? `Event "${event}"` : '', messageId)
      else trackCustom(tracker, conversationId, event, properties, { messageId })
    }
    return { copy: tracked('copy'), regenerate: tracked('regenerate'), edit: tracked('edit') }
  }, [tracker, conversationId, messageId])
}
