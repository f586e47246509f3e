import { useMemo } from 'react'
import type { Properties } from '../core/types'
import { trackConversion, trackCustom } from '../core/events'
import { useCopilotContext } from './context'

export interface UseCopilotAnalyticsResult {
  conversationId: string
  /** A standard Track call with `conversationId` (and `messageId` when given) attached. */
  track(event: string, properties?: Properties, options?: { messageId?: string }): void
  /**
   * A conversion the copilot led to: a standard Track call named `name` for the Segment vocabularies,
   * `screeb_copilot_conversion` (with `conversion_name: name`) for Screeb.
   */
  trackConversion(name: string, properties?: Properties, options?: { messageId?: string }): void
  /** Identify, unless the client holds that identity already; the provider's `userId` is sent again before its next track call when they differ. */
  identify(userId?: string | null, traits?: Properties, options?: { anonymousId?: string | null }): void
}

/**
 * Your own events, tied to the conversation.
 *
 * @example
 * const { track, trackConversion } = useCopilotAnalytics()
 * track('Item Purchased', { itemId: 'item101112', itemPrice: 19.99 }, { messageId: m.id })
 * trackConversion('Trial Started', { plan: 'pro' })
 */
export function useCopilotAnalytics(): UseCopilotAnalyticsResult {
  const { tracker, conversationId } = useCopilotContext('useCopilotAnalytics()')
  return useMemo(
    () => ({
      conversationId,
      track: (event, properties, options) => trackCustom(tracker, conversationId, event, properties, options),
      trackConversion: (name, properties, options) => trackConversion(tracker, conversationId, name, properties, options),
      identify: (userId, traits, options) => tracker.identify(userId, traits, options),
    }),
    [tracker, conversationId],
  )
}
