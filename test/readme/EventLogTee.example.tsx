import { AnalyticsBrowser } from '@segment/analytics-next'
import { CopilotAnalyticsProvider } from '../../src/entries'
import { CopilotEventLog, createMemoryAnalytics, teeAnalytics } from '../../src/entries/devtools'
import { Chat } from './Chat'

// Shown in development, and in a production build made with NEXT_PUBLIC_EVENT_LOG=1 (a staging
// build: `NEXT_PUBLIC_EVENT_LOG=1 next build && next start`). Next.js inlines NEXT_PUBLIC_ variables
// when it builds, so set it for the build, not only for `next start`.
const showEventLog = process.env.NODE_ENV !== 'production' || process.env.NEXT_PUBLIC_EVENT_LOG === '1'

const segment = AnalyticsBrowser.load({ writeKey: 'YOUR_WRITE_KEY' })
const recorder = createMemoryAnalytics()
const analytics = showEventLog ? teeAnalytics(segment, recorder) : segment

export function App() {
  return (
    <>
      <CopilotAnalyticsProvider analytics={analytics}>
        <Chat />
      </CopilotAnalyticsProvider>
      {showEventLog && <CopilotEventLog recorder={recorder} />}
    </>
  )
}
