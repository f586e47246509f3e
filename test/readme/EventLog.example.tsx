import { CopilotAnalyticsProvider } from '../../src/entries'
import { CopilotEventLog, createMemoryAnalytics } from '../../src/entries/devtools'
import { Chat } from './Chat'

const recorder = createMemoryAnalytics() // also exported by /testing

export function App() {
  return (
    <>
      <CopilotAnalyticsProvider analytics={recorder}>
        <Chat />
      </CopilotAnalyticsProvider>
      <CopilotEventLog recorder={recorder} />
    </>
  )
}
