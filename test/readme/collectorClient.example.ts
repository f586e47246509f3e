import { AnalyticsBrowser } from '@segment/analytics-next'

// The collector started with `npm run collector -- --port 6200`.
const host = '127.0.0.1:6200/v1'

export const analytics = AnalyticsBrowser.load(
  // cdnSettings skips the settings download from Segment's CDN; 'Segment.io' must be in it.
  { writeKey: 'test', cdnSettings: { integrations: { 'Segment.io': { apiKey: 'test', apiHost: host, protocol: 'http' } } } },
  {
    integrations: {
      'Segment.io': {
        apiHost: host,
        protocol: 'http',
        deliveryStrategy: { strategy: 'batching', config: { size: 10, timeout: 1000, keepalive: true } },
      },
    },
  },
)
