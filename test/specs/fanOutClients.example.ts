import { screebClient, type AnalyticsClient } from '../../src/entries'

/**
 * One client for `spec={[segmentCopilot, screebCopilot]}`: Screeb's events go to Screeb, the rest to
 * Segment. Each vocabulary sends its own Identify, so deliver the first for a user and skip the copy.
 *
 * <CopilotAnalyticsProvider analytics={segmentAndScreeb(AnalyticsBrowser.load({ writeKey }))} ...>
 */
export function segmentAndScreeb(segment: AnalyticsClient, screeb: AnalyticsClient = screebClient()): AnalyticsClient {
  let identified: string | null | undefined
  return {
    track: (event, properties) => (event.startsWith('screeb_copilot_') ? screeb : segment).track(event, properties),
    identify(userId, traits, options) {
      if (userId === identified) return
      identified = userId
      segment.identify(userId, traits, options)
      screeb.identify(userId, traits, options)
    },
  }
}
