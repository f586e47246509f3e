import { useMemo } from 'react'
import type { ActionHandle } from '../core/tracker'
import type { Properties } from '../core/types'
import { startAction, trackAction } from '../core/events'
import { useCopilotContext } from './context'

export interface ActionOptions {
  /** The kind of capability or tool, e.g. "Inventory Request". */
  type: string
  /** What it did, e.g. "check stock level". */
  action: string
  messageId?: string
  /** Who invoked it; default `customer` (the spec's default). */
  role?: string
  /** With an id, the action is sent once however often it is tracked. */
  id?: string
  title?: string
  properties?: Properties
}

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
