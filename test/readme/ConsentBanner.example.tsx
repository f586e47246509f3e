import { useState } from 'react'
import { CopilotAnalyticsProvider } from '../../src/entries'
import { analytics } from './analytics'
import { Chat } from './Chat'

export function ChatWithConsent() {
  // null: not decided yet, so calls wait in memory; true sends them, in order; false drops them.
  const [choice, setChoice] = useState<boolean | null>(null)
  return (
    <>
      {choice === null && (
        <p>
          Help us improve the assistant? <button onClick={() => setChoice(true)}>Yes</button>{' '}
          <button onClick={() => setChoice(false)}>No</button>
        </p>
      )}
      <CopilotAnalyticsProvider analytics={analytics} consent={choice}>
        <Chat />
      </CopilotAnalyticsProvider>
    </>
  )
}
