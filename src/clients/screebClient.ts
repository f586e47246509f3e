import type { AnalyticsClient, Properties } from '../core/types'

/** Screeb's browser tag: `window.$screeb`, or the function from `@screeb/sdk-browser`'s snippet. */
export type ScreebFunction = (command: string, ...args: unknown[]) => unknown

/**
 * An {@link AnalyticsClient} that delivers through Screeb: track calls as
 * `$screeb("event.track", name, properties)`, Identify as `$screeb("identity", userId, traits)`.
 * Without an argument it uses `window.$screeb`, looked up at each call so that it may load later.
 * Screeb keeps its own anonymous id, so an Identify without a userId is not forwarded.
 *
 * @example
 * import { CopilotAnalyticsProvider, screebClient, screebCopilot } from 'react-copilot-analytics'
 * <CopilotAnalyticsProvider analytics={screebClient()} spec={screebCopilot} userId={user.id}>
 */
export function screebClient($screeb?: ScreebFunction): AnalyticsClient {
  const screeb = (...args: [string, ...unknown[]]) => {
    const tag = $screeb ?? (typeof window === 'undefined' ? undefined : (window as { $screeb?: ScreebFunction }).$screeb)
    // Thrown errors reach the provider's onError as `client_error`, naming the event.
    if (typeof tag !== 'function') throw new Error('window.$screeb is not there: load the Screeb tag, or pass $screeb to screebClient()')
    return tag(...args)
  }
  return {
    track: (event: string, properties: Properties = {}) => screeb('event.track', event, properties),
    identify: (userId?: string | null, traits: Properties = {}) => (userId ? screeb('identity', userId, traits) : undefined),
  }
}
