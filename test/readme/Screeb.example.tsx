import { CopilotAnalyticsProvider, screebClient, screebCopilot } from '../../src/entries'
import { Chat } from './Chat'

// Calls $screeb("event.track", ...) and $screeb("identity", ...) on window.$screeb, looked up at each call.
const screeb = screebClient()

export function ScreebChat({ userId, sessionId }: { userId: string; sessionId: string }) {
  return (
    <CopilotAnalyticsProvider analytics={screeb} spec={screebCopilot} userId={userId} sessionId={sessionId}>
      <Chat />
    </CopilotAnalyticsProvider>
  )
}
