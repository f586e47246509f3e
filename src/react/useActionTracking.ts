import { useMemo } from 'react'
import type { ActionHandle, ActionInput } from '../core/tracker'
import { startAction, trackAction } from '../core/events'
import { useCopilotContext } from './context'

/** An action as the hooks take it: the core ActionInput, in the provider's conversation. */
export type ActionOptions = Omit<ActionInput, 'conversationId'>

export interface UseActionTrackingResult {
  /** Sends Action Invoked now (a one-shot action: started and completed at once). */
  track(action: ActionOptions): void
  /** Starts an action; call `complete()` on the handle when it ends (for vocabularies with a lifecycle). */
  start(action: ActionOptions): ActionHandle
}

/**
 * Action Invoked: a tool call or capability used by the model or the user.
 *
 * @example
 * const actions = useActionTracking()
 * actions.track({ type: 'Inventory Request', action: 'check stock level', messageId: m.id, id: toolCall.id })
 */
export function useActionTracking(): UseActionTrackingResult {
  const { tracker, conversationId } = useCopilotContext('useActionTracking()')
  return useMemo(
    () => ({
      track: (action) => trackAction(tracker, { ...action, conversationId }),
      start: (action) => startAction(tracker, { ...action, conversationId }),
    }),
    [tracker, conversationId],
  )
}
