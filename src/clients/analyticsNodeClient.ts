import { compact } from '../core/compact'
import type { AnalyticsClient, Properties } from '../core/types'

/** Who every call is about: analytics-node needs a `userId` or an `anonymousId` on each one. */
export interface ServerIdentity {
  userId?: string | null
  anonymousId?: string | null
}

/** The params analytics-node's `track` and `identify` take, as this adapter fills them. */
export interface AnalyticsNodeParams {
  userId?: string
  anonymousId?: string
  event?: string
  properties?: Properties
  traits?: Properties
  messageId?: string
  timestamp?: string | Date
  context?: Properties
  integrations?: Properties
}

/** The part of `@segment/analytics-node`'s `Analytics` the adapter calls (3.x: `track(params, callback)`). */
export interface AnalyticsNodeLike {
  track(params: never, callback?: (error?: unknown) => void): void
  identify(params: never, callback?: (error?: unknown) => void): void
}

/**
 * An {@link AnalyticsClient} over `@segment/analytics-node` for `createCopilotTracker` on a server:
 * each call carries `identity` (analytics-node has no user state), the Segment options the tracker
 * gives (`messageId` from `react-copilot-analytics/dedupe`, `timestamp`, `context`, `integrations`),
 * and returns a promise that rejects when delivery fails, so that `onError` hears of it
 * (`client_error`). Make one per request, for the user of that request.
 *
 * @example
 * import { Analytics } from '@segment/analytics-node'
 * import { createCopilotTracker, createKeyStore } from 'react-copilot-analytics/core'
 * import { analyticsNodeClient } from 'react-copilot-analytics/server'
 *
 * const segment = new Analytics({ writeKey: process.env.SEGMENT_WRITE_KEY! })
 * const tracker = createCopilotTracker({ analytics: analyticsNodeClient(segment, { userId: user.id }), keyStore: createKeyStore() })
 */
export function analyticsNodeClient(analytics: AnalyticsNodeLike, identity: ServerIdentity): AnalyticsClient {
  const send = (method: 'track' | 'identify', params: AnalyticsNodeParams, options?: Properties) => {
    const { messageId, timestamp, context, integrations } = (options ?? {}) as AnalyticsNodeParams
    const who = { userId: params.userId ?? identity.userId ?? undefined, anonymousId: params.anonymousId ?? identity.anonymousId ?? undefined }
    if (!who.userId && !who.anonymousId) throw new Error('analyticsNodeClient(analytics, identity) needs a userId or an anonymousId: analytics-node rejects a call with neither')
    const full = compact({ ...params, ...who, messageId, timestamp, context, integrations }) as AnalyticsNodeParams
    return new Promise<void>((resolve, reject) =>
      (analytics[method] as (params: AnalyticsNodeParams, callback: (error?: unknown) => void) => void)(full, (error) => (error ? reject(error) : resolve())),
    )
  }
  return {
    track: (event, properties, options) => send('track', { event, properties }, options),
    identify: (userId, traits, options) =>
      send('identify', { userId: userId ?? undefined, anonymousId: (options?.anonymousId as string | undefined) ?? undefined, traits }, options),
  }
}
