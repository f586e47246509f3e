import type { AnalyticsClient } from '../core/types'

/**
 * A client that records every call into `recorder` and forwards it to `client`: how a real
 * client (`AnalyticsBrowser`, `window.analytics`) shows up in `<CopilotEventLog>`. The recorder
 * sees each call first, so the log also shows calls the real client then fails on; the real
 * client's return value (a promise for `AnalyticsBrowser`) and errors go back to the tracker,
 * which reports failures to `onError`.
 *
 * @example
 * import { AnalyticsBrowser } from '@segment/analytics-next'
 * import { createMemoryAnalytics } from 'react-copilot-analytics/testing'
 * import { CopilotEventLog, teeAnalytics } from 'react-copilot-analytics/devtools'
 *
 * const segment = AnalyticsBrowser.load({ writeKey: 'YOUR_WRITE_KEY' })
 * const recorder = createMemoryAnalytics()
 * const analytics = teeAnalytics(segment, recorder)
 *
 * <CopilotAnalyticsProvider analytics={analytics}><Chat /></CopilotAnalyticsProvider>
 * <CopilotEventLog recorder={recorder} />
 */
export function teeAnalytics(client: AnalyticsClient, recorder: AnalyticsClient): AnalyticsClient {
  return {
    track(event, properties, options) {
      let result: unknown
      // `finally`: a recorder that throws (a broken log listener) must not cost the real delivery.
      try {
        recorder.track(event, properties, options)
      } finally {
        result = client.track(event, properties, options)
      }
      return result
    },
    identify(userId, traits, options) {
      let result: unknown
      try {
        recorder.identify(userId, traits, options)
      } finally {
        result = client.identify(userId, traits, options)
      }
      return result
    },
  }
}
