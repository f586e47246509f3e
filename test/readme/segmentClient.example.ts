import { AnalyticsBrowser } from '@segment/analytics-next'

export const analytics = AnalyticsBrowser.load(
  { writeKey: 'YOUR_WRITE_KEY' },
  {
    integrations: {
      'Segment.io': {
        // Few requests, retried with back-off, and the last batch leaves with the closing tab.
        deliveryStrategy: { strategy: 'batching', config: { size: 10, timeout: 1000, keepalive: true } },
      },
    },
  },
)
