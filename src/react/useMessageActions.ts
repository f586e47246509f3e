import { useMemo } from 'react'
import type { Properties } from '../core/types'
import { MESSAGE_ACTION_EVENTS, trackMessageAction, type MessageAction } from '../core/messageActions'
import { useCopilotContext } from './context'

export { MESSAGE_ACTION_EVENTS, type MessageAction }

/** One tracker per action: call it in the handler of the user's click. */
export type UseMessageActionsResult = Record<MessageAction, (properties?: Properties) => void>

/**
 * Implicit feedback on one message: `copy()` (Message Copied), `regenerate()` (Reply Regenerated,
 * whose `messageId` is the reply being replaced) and `edit()` (Message Edited, on the user's
 * message). Call them from the user's click, never from an effect or a render: each copy or edit
 * is one event (a copy clicked twice is two copies; rendering sends nothing), and a reply is
 * regenerated once (`useChatTracking` reports the AI SDK's `regenerate()` itself, and the two count once).
 *
 * @example
 * const actions = useMessageActions(message.id)
 * <button onClick={() => { navigator.clipboard.writeText(text); actions.copy() }}>Copy</button>
 * <button onClick={() => { actions.regenerate(); regenerate() }}>Retry</button>
 */
export function useMessageActions(messageId: string): UseMessageActionsResult {
  const { tracker, conversationId } = useCopilotContext('useMessageActions()')
  return useMemo(() => {
    const tracked = (action: MessageAction) => (properties?: Properties) => trackMessageAction(tracker, { conversationId, action, messageId, properties })
    return { copy: tracked('copy'), regenerate: tracked('regenerate'), edit: tracked('edit') }
  }, [tracker, conversationId, messageId])
}
