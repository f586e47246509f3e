import { screebClient, type AnalyticsClient } from '../../src/entries'

/**
 * One client for `spec={[segmentCopilot, screebCopilot]}`: Screeb's events go to Screeb, the rest to
 * Segment. The provider sends this client each Identify once, not once per vocabulary: forward it to both.
 *
 * <CopilotAnalyticsProvider analytics={segmentAndScreeb(AnalyticsBrowser.load({ writeKey }))} ...>
 */
export function segmentAndScreeb(segment: AnalyticsClient, screeb: AnalyticsClient = screebClient()): AnalyticsClient {
  return {
    track: (event, properties) => (event.startsWith('screeb_copilot_') ? screeb : segment).track(event, properties),
    identify(userId, traits, options) {
      segment.identify(userId, traits, options)
      screeb.identify(userId, traits, options)
    },
  }
}
